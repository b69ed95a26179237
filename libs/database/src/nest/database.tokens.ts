/** The options returned by DatabaseModule.forRoot's factory. */
export const DATABASE_OPTIONS = Symbol('keel:database-options');
