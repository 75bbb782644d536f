// Creates the demo users (one per role) and prints their logins.
import { seedDemoUsers } from '@/lib/auth/demo-users';

const users = await seedDemoUsers();
console.log('Demo logins (email / password / role):');
for (const u of users) console.log(`  ${u.email.padEnd(28)} ${u.password.padEnd(22)} ${u.role}`);
