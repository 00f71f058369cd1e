// Ids in paths and forms are UUIDs (PostgreSQL's uuid type). Anything else is answered as "not
// found" before it reaches a query: PostgreSQL would refuse it with an error, a 500.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
