// Moved to @shipshape/window (shared with merge-gate and the CLI); this re-export goes once guard.ts and inputs.ts
// import the package directly.
export * from '@shipshape/window';
