import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';

export function registerHealthRoutes(server: FastifyInstance, dataSource: DataSource): void {
  server.get('/healthz', async () => ({ status: 'ok' }));

  server.get('/readyz', async (request, reply) => {
    try {
      await dataSource.query('SELECT 1');
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed: database unreachable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
}
