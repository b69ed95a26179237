// Lint fixture (never compiled): a deep import into a lib must fail; libs are used through their index.
import '@keel/config/src/index';
