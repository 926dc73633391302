export * from './errors';
export * from './inputs';
export * from './ports';
export * from './safe-text';
export * from './summary-text';
