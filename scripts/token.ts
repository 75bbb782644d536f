// `npm run token -- create --name <name> --role <role> [--scopes api,deploy,metrics]` prints the secret
// alone on its last line (shown once); `npm run token -- list`; `npm run token -- revoke <id|prefix>`.
import { parseArgs } from 'node:util';
import { createToken, listTokens, revokeToken } from '@/lib/auth/tokens';
import { ROLES, type Role } from '@/lib/env';
import { SCOPES, type Scope } from '@/lib/auth/principal';

const CLI_ACTOR = { id: null, name: `cli:${process.env.USER ?? 'unknown'}` };
const usage = 'usage: npm run token -- create --name <name> --role <viewer|operator|developer|admin> [--scopes api,deploy,metrics] | list | revoke <id|prefix>';

function fail(message: string): never {
  console.error(`token: ${message}`);
  console.error(usage);
  process.exit(2);
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' }, scopes: { type: 'string' } } });
  const [command, arg] = positionals;
  if (command === 'create') {
    if (!values.name) fail('--name is required');
    const role = values.role ?? 'viewer';
    if (!(ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    const scopes = (values.scopes ?? 'api').split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) fail(`unknown scope(s) ${unknown.join(', ')}; known: ${SCOPES.join(', ')}`);
    const { token, secret } = await createToken({ name: values.name, role: role as Role, scopes: scopes as Scope[] }, CLI_ACTOR);
    console.log(`created token ${token.id} "${token.name}" role=${token.role} scopes=${token.scopes.join(',')}; the secret below is shown once:`);
    console.log(secret);
  } else if (command === 'list') {
    for (const t of await listTokens()) {
      console.log([t.id, t.prefix + '…', t.name, t.role, t.scopes.join(','), t.revokedAt ? `revoked ${t.revokedAt}` : 'active', `last used ${t.lastUsedAt ?? 'never'}`].join('\t'));
    }
  } else if (command === 'revoke') {
    if (!arg) fail('revoke needs a token id or prefix');
    if (!(await revokeToken(arg, CLI_ACTOR))) fail(`no active token with id or prefix "${arg}"`);
    console.log(`revoked ${arg}`);
  } else {
    fail(command ? `unknown command "${command}"` : 'no command');
  }
}

main().catch((err: unknown) => {
  console.error(`token: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
