import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/config/config.js';
import { requirePayloadKeysOrExit } from '../../../libs/temporal/payload-codec.js';
import { createApiApp } from './app.js';

const config = loadConfigOrExit();
requirePayloadKeysOrExit(config); // the workflows refuse whatever is sent without it
const app = await createApiApp(config);
await app.listen(config.API_PORT, config.API_HOST);
