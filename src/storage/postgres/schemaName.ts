/**
 * The rule for a PostgreSQL schema name this service accepts: schema names are put into SQL text
 * (search_path, CREATE SCHEMA), so only plain lower-case identifiers of at most 63 bytes are allowed.
 */
export const POSTGRES_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
