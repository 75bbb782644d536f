// `npm run build` runs this after `next build`: bundles Sightline's server (see scripts/lib/app-server.ts).
import { APP_SERVER_BUNDLE, buildAppServer } from './lib/app-server';

buildAppServer(process.cwd());
console.log(`Sightline's server: ${APP_SERVER_BUNDLE}`);
