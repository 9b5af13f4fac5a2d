/** The baseline: a bare Fastify route returning a constant JSON, in its own process like Relais. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = { status: 'ok', regions: 18, note: 'constant' };
app.get('/constant', async () => body);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`READY ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
