/** A service name (also an incident type): lower-case letters, digits, `.`, `_`, `-`; at most 63 characters. */
export const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
