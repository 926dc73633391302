/**
 * Deploy and merge windows: `<days> <HH:MM>-<HH:MM> <IANA zone>[; …]` with blackout dates, shared by deploy-guard
 * (deploy window), merge-gate (merge window) and the CLI (`shipshape window`).
 */
export {
  MAX_MERGED_SPAN,
  WindowSpecError,
  describeLocal,
  isOpen,
  localToInstant,
  nextOpening,
  openInterval,
  parseBlackouts,
  parseWindowSpec,
  splitBlackoutText,
  type DeployWindow,
  type Interval,
  type WindowSpec,
} from './deploy-window';
