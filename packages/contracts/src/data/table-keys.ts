/**
 * The key attributes of the api's DynamoDB table (single-table design), both strings. Declared here once
 * because two packages must agree on them: infra creates the table with them, and the api's tests create
 * their local copy of the table with them.
 */
export const TableKeys = { partition: 'pk', sort: 'sk' } as const;
