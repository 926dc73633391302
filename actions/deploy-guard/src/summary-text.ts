// Moved to @shipshape/kit (merge-gate and deploy-notify show third-party text the same way); this re-export goes once
// guard.ts imports the kit directly.
export { summaryCell, summaryLine } from '@shipshape/kit';
