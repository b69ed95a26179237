// Lint fixture (never compiled): a type:util lib importing a type:feature lib must fail the tag constraints.
import '@keel/auth';
