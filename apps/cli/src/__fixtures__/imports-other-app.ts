// Lint fixture (never compiled): an app importing another app must fail @nx/enforce-module-boundaries.
import '@keel/identity';
