// The subject module's public face: identity checks, the contract's schemas and subject validation.
export * from './identity.js';
export * from './schemas.js';
export * from './validate.js';
