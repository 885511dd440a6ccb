// npm run user:create -- --email E --name N --role R [--moa CODE] — create an account and print its one-time
// set-password link (24 h). The first account of a real deployment is made this way, usually an admin.
import { parseArgs } from 'node:util';
import { openDatabaseForCli } from '../db/cli/open-for-cli';
import { prepareDatabase } from '../db/prepare';
import { USER_ROLES, type UserRole } from '../server/domain/types';
import { AppError } from '../server/errors';
import { zCreateUserRequest } from '../server/contracts/user';
import { createUser, findMoaIdByCode } from '../server/services/users/manage-users';

const USAGE = `Usage: npm run user:create -- --email E --name "N" --role ${USER_ROLES.join('|')} [--moa CODE]`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, moa: { type: 'string' } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, 2);
}
const parsed = zCreateUserRequest.safeParse({ email: args.email, name: args.name, role: args.role });
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  fail(`--${String(issue.path[0] ?? 'input')}: ${issue.message}\n${USAGE}`, 2);
}

const { handle, release } = openDatabaseForCli();
try {
  // A real deployment may start from an empty database: bring it up to date, but never seed demo accounts.
  await prepareDatabase(handle, { seedIfEmpty: false });
  const moaId = args.moa ? await findMoaIdByCode(handle.db, args.moa) : null;
  const baseUrl = process.env.AUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  const { user, passwordLink } = await createUser({ db: handle.db, actor: null, ...parsed.data, role: parsed.data.role as UserRole, moaId, baseUrl });
  console.log(`Created ${user.role} ${user.email}${user.moaCode ? ` (${user.moaCode})` : ''}.`);
  console.log(`Send them this one-time link to set their password (valid until ${passwordLink.expiresAt}):`);
  console.log(passwordLink.url);
} catch (error) {
  if (error instanceof AppError) {
    process.exitCode = 1;
    console.error(error.message);
  } else {
    throw error;
  }
} finally {
  await handle.close();
  release();
}
