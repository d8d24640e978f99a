// The engine's public face: compile a checked IR, evaluate subjects against it, explain the decision in prose.
export { compilePolicy, PASSES } from './compile/index.js';
export type { CompiledPolicy } from './compile/index.js';
export { evaluate } from './evaluate.js';
export { renderExplanation } from './explain/render.js';
export * from './contract.js';
