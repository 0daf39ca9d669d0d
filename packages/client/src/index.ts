export * from './generated/graphql';
export * from './generated/hooks';
