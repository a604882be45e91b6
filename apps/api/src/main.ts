import 'reflect-metadata';
import { loadConfigOrExit } from '../../../libs/config/config.js';
import { createApiApp } from './app.js';

const config = loadConfigOrExit();
const app = await createApiApp(config);
await app.listen(config.API_PORT, config.API_HOST);
