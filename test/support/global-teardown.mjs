import '@swc-node/register/esm-register';

export default async function globalTeardown() {
  const { teardownEngines } = await import('./teardown-engines.ts');
  await teardownEngines();
}
