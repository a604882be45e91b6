// Jest loads global setup outside its ESM transform, so this file registers the same TypeScript loader
// that `npm start` uses and hands over to the TypeScript implementation.
import '@swc-node/register/esm-register';

export default async function globalSetup() {
  const { setupEngines } = await import('./setup-engines.ts');
  await setupEngines();
}
