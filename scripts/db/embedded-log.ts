// PostgreSQL's start-up log → the one line a person needs. Only the causes a console user can meet
// are named; anything else is left to the caller's generic message.
const CAUSES: { pattern: RegExp; say: (dataDir: string, port: number) => string }[] = [
  {
    pattern: /could not bind|Address already in use/i,
    say: (_dir, port) => `port ${port} is already in use: stop what uses it, or set DB_PORT to a free port`,
  },
  {
    pattern: /database files are incompatible with server/i,
    say: (dir) => `${dir} was written by another PostgreSQL build: move it away (for example: mv ${dir} ${dir}-old) to start a fresh database, or set DATABASE_URL`,
  },
  {
    pattern: /Permission denied|could not create lock file|has invalid permissions|has wrong ownership|is not owned by/i,
    say: (dir) => `the data folder ${dir} cannot be used by the database server (permissions): choose a writable DATA_DIR, or fix the folder's owner`,
  },
  {
    pattern: /No space left on device/i,
    say: (dir) => `the disk holding ${dir} is full: free some space, or set DATA_DIR to another disk`,
  },
  {
    pattern: /pre-existing shared memory block|lock file "postmaster.pid" already exists/i,
    say: (dir) => `another PostgreSQL server is still running on ${dir}: stop it, then start again`,
  },
];

export function describeServerLog(lines: readonly string[], dataDir: string, port: number): string | undefined {
  const text = lines.join("\n");
  return CAUSES.find((cause) => cause.pattern.test(text))?.say(dataDir, port);
}
