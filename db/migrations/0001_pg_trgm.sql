-- Trigram search for titles and posts, in English and in Chinese (which has no spaces).
-- pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
