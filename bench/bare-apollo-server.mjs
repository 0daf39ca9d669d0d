// A bare Apollo Server 5 on Fastify 5 that resolves `currentUser { id externalId }` from a
// constant. It runs the same HTTP framework and GraphQL server as Work API, with nothing else.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/api');
const require = createRequire(path.join(apiDir, 'package.json'));
const { ApolloServer } = require('@apollo/server');
const { fastifyApolloHandler } = require('@as-integrations/fastify');
const Fastify = require('fastify');

const typeDefs = `
  type User { id: ID! externalId: String! }
  type Query { currentUser: User }
`;
const user = { id: '3f1c2a7e-1b7e-4f0e-9a51-1c2f7b9d0e11', externalId: 'bench-user' };
const resolvers = { Query: { currentUser: () => user } };

const apollo = new ApolloServer({ typeDefs, resolvers, introspection: true, csrfPrevention: true, allowBatchedHttpRequests: false });
await apollo.start();
const server = Fastify({ logger: false });
server.post('/graphql', fastifyApolloHandler(apollo));
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
await server.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('listening');
