// Baseline for HTTP benchmarks: a bare Fastify server with one GET and one POST route, nothing else.
import Fastify from 'fastify';
const app = Fastify({ logger: false });
const payload = { status: 'ok' };
app.get('/api/health', async () => payload);
app.post('/bare', async (req) => ({ ok: true, got: req.body }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
