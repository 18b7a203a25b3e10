// Errors the CLI turns into one line and a documented exit code.

/** Bad input from the user (flag, file, schema): exit 2, nothing written. */
export class UsageError extends Error {}
