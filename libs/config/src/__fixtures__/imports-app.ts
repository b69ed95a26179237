// Lint fixture (never compiled): a lib importing an app must fail @nx/enforce-module-boundaries.
import '@keel/gateway';
