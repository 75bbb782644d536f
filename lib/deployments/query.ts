import 'server-only';
export { listDeployments, type DeploymentFilter } from './store';
