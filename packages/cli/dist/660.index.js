export const id=660;export const ids=[660];export const modules={5660:(e,t,s)=>{s.d(t,{TEMPLATES:()=>w,WORKFLOWS_DIR:()=>f,planInit:()=>planInit,readInitOptions:()=>readInitOptions});var o=s(8498),a=s(1539);let r=/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/,n=/^(?!.*\.\.)[A-Za-z0-9._/-]{1,255}$/,i=/^[0-9a-f]{40}$/,l=/^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]{0,254}$/,u=/^[CGD][A-Z0-9]{8,}$/,p=/^[A-Za-z0-9._-]+\.ya?ml$/;function isTimeZone(e){if(!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(e))return!1;try{return new Intl.DateTimeFormat("en-US",{timeZone:e}),!0}catch{return!1}}function readInitOptions(e,t){let s=[...new Set(e.workflows.flatMap(e=>e.split(",")).map(e=>e.trim()))].filter(Boolean);if(0===s.length)throw new o.dz("workflows",`one or more of ${t.join(", ")}`,"");for(let e of s)if(!t.includes(e))throw new o.dz("workflows",`one or more of ${t.join(", ")}`,e);let i=e.uses.lastIndexOf("@"),h=-1===i?e.uses:e.uses.slice(0,i),c=-1===i?"":e.uses.slice(i+1);if(!r.test(h)||!n.test(c))throw new o.dz("uses","owner/name@<ref>, the ref a full 40-character commit SHA",e.uses);let d=e.tag?.trim()||void 0;if(void 0!==d&&!n.test(d))throw new o.dz("tag","a tag name such as v1.2.3",d);let m=e.timeZone?.trim()||"UTC";if(!isTimeZone(m))throw new o.dz("time-zone","an IANA time zone such as Europe/Paris or UTC",m);let g=e.window.split(";").map(e=>e.trim()).map(e=>/\d\d:\d\d-\d\d:\d\d$/.test(e)?`${e} ${m}`:e).join("; ");try{(0,a.H)(g,[])}catch(t){if(t instanceof a.qG)throw new o.dz("window",`days and hours such as "mon-fri 08:00-17:00" (${t.message})`,e.window);throw t}if(!l.test(e.slackTokenSecret))throw new o.dz("slack-token-secret","a secret name (letters, digits, _; not GITHUB_…)",e.slackTokenSecret);let f=e.slackChannel?.trim()||void 0;if(void 0!==f&&!u.test(f))throw new o.dz("slack-channel","a channel ID such as C0123ABCDEF (not a #name)",f);let y=e.queueBehind?.flatMap(e=>e.split(",")).map(e=>e.trim()).filter(Boolean);for(let e of y??[])if(!p.test(e))throw new o.dz("queue-behind","workflow file names such as release.yml",(0,o.Hx)(e));return{workflows:s,repository:h,ref:c,tag:d,window:g,slackTokenSecret:e.slackTokenSecret,slackChannel:f,queueBehind:y&&y.length>0?y:void 0}}let h=RegExp(`^(\\s*(?:-\\s+)?uses:\\s+)${"your-org/shipshape".replace(/[.]/g,"\\.")}((?:/actions/[a-z-]+)?)@[^\\s#]+(?:\\s+#.*)?$`,"gm"),c=/^(\s*workflows:\s+)[^#\n]*?(\s+#.*)?$/gm,d=/^# Copy to \.github\/workflows\/[\s\S]*?^# full commit SHA instead, e\.g\. .*\n/m;function refComment(e){return i.test(e.ref)?void 0===e.tag?"":` # ${e.tag}`:" # not pinned: replace with a full commit SHA for an immutable dependency"}function fillTemplate(e,t,s){let o=`# Written by \`shipshape init\` from shipshape's ${e}.yml example (${s.repository}@${s.ref}).
`,a=t.replace(d,"").replace(h,(e,t,o)=>`${t}${s.repository}${o}@${s.ref}${refComment(s)}`).replaceAll("mon-fri 08:00-17:00 Europe/Paris",s.window).replaceAll("secrets.SLACK_BOT_TOKEN",`secrets.${s.slackTokenSecret}`);if(void 0!==s.slackChannel&&(a=a.replaceAll("${{ vars.SLACK_DEPLOY_CHANNEL }}",s.slackChannel)),void 0!==s.queueBehind){let e=s.queueBehind.join(", ");a=a.replace(c,(t,s,o)=>`${s}${e}${o??""}`)}return o+a}var m=s(3483);let g=["pull_request","pull_request_target","merge_group"];function events(e){return"string"==typeof e?[e]:Array.isArray(e)?e.filter(e=>"string"==typeof e):null!==e&&"object"==typeof e?Object.keys(e):[]}let sorted=e=>[...new Set(e)].sort();function settingsToSet(e){let t=[],s=[],o=[],a=[],r=[],n=[],i=[],l=[];for(let{text:u}of e){for(let e of u.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g))"GITHUB_TOKEN"!==e[1]&&t.push(e[1]);for(let e of u.matchAll(/\bvars\.([A-Za-z_][A-Za-z0-9_]*)(\s*\|\|)?/g))(void 0===e[2]?s:o).push(e[1]);let e=(0,m.parse)(u),p=events(e?.on),h=p.some(e=>g.includes(e));for(let[t,s]of Object.entries(e?.jobs??{})){let e="object"==typeof s.environment?s.environment?.name:s.environment;"string"!=typeof e||e.includes("${{")||n.push(e);let o="string"==typeof s.name?s.name:t;for(let e of(h&&i.push(o),h&&!p.includes("merge_group")&&a.push(o),s.steps??[])){let t=e.with?.leads;if("string"==typeof e.uses&&/\/actions\/merge-gate@/.test(e.uses)&&"string"==typeof t&&r.push(`${t} (merge-gate's leads, one login per line; read at the base branch)`),"string"!=typeof e.uses||!/\/actions\/deploy-guard@/.test(e.uses)||e.with?.freeze===void 0)continue;let s=e.with?.["freeze-context"];l.push("string"==typeof s?s:"merge-freeze")}}}return{secrets:sorted(t),variables:sorted(s.filter(e=>!o.includes(e))),optionalVariables:sorted(o),environments:sorted(n),requiredChecks:sorted(i),checksWithoutMergeQueue:sorted(a),files:sorted(r),requiredStatuses:sorted(l)}}let f=".github/workflows",y=/^\s*workflows:\s+([^#\n]*?)\s*(?:#.*)?$/m;function queueBehind(e,t,s){if(void 0!==e.queueBehind){for(let t of e.queueBehind)if(!s.has(t))throw new o.dz("queue-behind",`workflow files written now or already in ${f} (${[...s].sort().join(", ")})`,t);return[...e.queueBehind]}return(y.exec(t.text)?.[1]?.split(",").map(e=>e.trim())??[]).filter(e=>s.has(e))}function planInit(e,t,s=[]){let o=new Set([...s,...e.workflows.map(e=>`${e}.yml`)]),a=e.workflows.map(s=>{let a=t.find(e=>e.name===s);if(void 0===a)throw Error(`no template named ${s}`);let r=queueBehind(e,a,o),n=fillTemplate(s,a.text,{...e,queueBehind:r.length>0?r:[`${s}.yml`]});return{path:`${f}/${s}.yml`,text:n}});return{files:a,settings:settingsToSet(a)}}let w=[{name:"cut-release",summary:"Cut a release: the next version from CHANGELOG.md's Unreleased section (Removed or BREAKING → major, Added…",text:`# Cut a release: the next version from CHANGELOG.md's Unreleased section (Removed or BREAKING → major, Added or
# Changed → minor, else patch; or the bump you pick), its entries moved under a heading dated today, the compare
# links updated; then one release PR (by hand), or a commit and tag (weekly, after merging \`develop\` into \`main\`).
# Merging the release PR changes CHANGELOG.md on \`main\`: the \`tag\` job tags that version, which starts release.yml.
#
# Copy to .github/workflows/cut-release.yml. Replace \`your-org\` with the owner of your shipshape copy. Add the secret
# RELEASE_TOKEN (a fine-grained token with \`contents: write\` and \`pull-requests: write\`, or use a GitHub App token
# from actions/create-github-app-token): GitHub starts no workflow for a tag or PR made with the job's GITHUB_TOKEN,
# so release.yml would not start and the release PR would get no required checks.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/changelog-release@<40-hex commit sha> # v1.2.3\`.
name: Cut a release

on:
  workflow_dispatch:
    inputs:
      bump:
        description: Which part of the version to raise (auto reads the Unreleased section)
        type: choice
        options: [auto, patch, minor, major]
        default: auto
      preid:
        description: Pre-release id such as rc or beta (empty for a final release)
        type: string
        required: false
      push:
        description: Commit and tag on main directly instead of opening a release pull request
        type: boolean
        default: false
  schedule:
    - cron: '0 6 * * 1' # Mondays 06:00 UTC
  push:
    branches: [main]
    paths: [CHANGELOG.md]

permissions: {}

jobs:
  promote:
    name: Merge develop into main (weekly)
    if: github.event_name == 'schedule'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
    steps:
      # POST /repos/{owner}/{repo}/merges: 201 merged, 204 nothing to merge, 409 a conflict (the job fails and
      # nothing is cut). https://docs.github.com/en/rest/branches/branches#merge-a-branch
      - name: Merge develop into main
        env:
          GH_TOKEN: $\{{ secrets.RELEASE_TOKEN }}
          REPOSITORY: $\{{ github.repository }}
        run: |
          gh api --method POST "repos/$REPOSITORY/merges" \\
            -f base=main -f head=develop -f commit_message="Weekly promotion of develop into main"

  cut:
    name: Cut the release
    needs: promote
    # After the weekly promotion, or by hand (the promotion is then skipped); not on a push.
    if: >-
      always() && github.event_name != 'push' &&
      (needs.promote.result == 'success' || needs.promote.result == 'skipped')
    runs-on: ubuntu-latest
    timeout-minutes: 10
    # One cut at a time: a second waits instead of racing the first for the same version.
    concurrency:
      group: cut-release
      cancel-in-progress: false
      queue: max
    permissions: {} # RELEASE_TOKEN does the writing
    steps:
      - name: Prepare CHANGELOG.md and open the release PR (or tag)
        id: prepare
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.RELEASE_TOKEN }}
          mode: prepare
          base: main
          bump: $\{{ inputs.bump || 'auto' }}
          preid: $\{{ inputs.preid }}
          # The weekly run tags directly (the procedure: the promotion triggers a release); by hand, a PR to review.
          push: $\{{ github.event_name == 'schedule' || inputs.push }}

  tag:
    name: Tag the version a merged release PR names
    # A push to main that changes CHANGELOG.md: the merged release PR (or the weekly commit, already tagged: then
    # nothing to do). The newest version heading gets its tag at the pushed commit, unless it has one.
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    concurrency:
      group: cut-release
      cancel-in-progress: false
      queue: max
    permissions: {} # RELEASE_TOKEN does the writing
    steps:
      - name: Tag the newest version in CHANGELOG.md
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.RELEASE_TOKEN }}
          mode: tag
`},{name:"freeze-sync",summary:"Freeze sync: keeps the `merge-freeze` status on every pull request and every merge queue commit, so the…",text:`# Freeze sync: keeps the \`merge-freeze\` status on every pull request and every merge queue commit, so the
# merge freeze that out-of-band.yml turns on and off is enforced by branch protection.
#
# Copy to .github/workflows/freeze-sync.yml. Replace \`your-org\` with the owner of your shipshape copy.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
#
# Make \`merge-freeze\` a required status check on main (branch protection rule or ruleset): while frozen, PRs
# carry a pending status and wait (those with auto-merge merge once it is lifted); otherwise they get success.
# - Merge queue: a required check must also report on the merge group's commit (the \`merge_group\` event), or
#   every queued merge waits for it until the queue's check timeout and is removed from the queue.
# - Who can still merge during a freeze: repository admins, unless the rule says "Do not allow bypassing the
#   above settings", and the bypass list of a ruleset ("Merge without waiting for requirements to be met").
#   The freeze holds everyone else; make the rule apply to admins too if it must hold them.
# - Fork PRs get a read-only GITHUB_TOKEN: their status cannot be written from this workflow (403).
name: Freeze sync

on:
  pull_request:
    # labeled / unlabeled: adding or removing the exempt label (hotfix) changes what the PR gets.
    types: [opened, synchronize, reopened, labeled, unlabeled]
  merge_group:
    types: [checks_requested]

permissions: {}

# The newest event of a PR (or a merge group's commit) decides its status; an older run still going is moot.
concurrency:
  group: freeze-sync-$\{{ github.event.pull_request.number || github.event.merge_group.head_sha }}
  cancel-in-progress: true

jobs:
  sync:
    name: Merge freeze sync
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # read the freeze record (refs/shipshape/freeze/<branch>)
      statuses: write # the merge-freeze status on the PR head or the merge group commit
    steps:
      - name: Give this commit the status the freeze calls for
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          freeze: sync
          exempt-label: hotfix
`},{name:"hotfix",summary:"Hotfix: a push to a `hotfix/*` branch ships a patch release from that branch, bypassing the weekly release.",text:`# Hotfix: a push to a \`hotfix/*\` branch ships a patch release from that branch, bypassing the weekly release. It
# checks CHANGELOG.md has the patch's section (the version in package.json), tags the pushed commit and drafts the
# release, waits for its turn and a green commit with the deploy window overridden (the reason is recorded), proves
# the tagged commit contains the hotfix commit (compare API: a stale tag is caught), deploys, publishes the release,
# and opens one pull request merging the branch back into \`develop\`. The job summary lists every rule the hotfix bypassed.
# Re-running it changes nothing the second time (the release, the tag and the merge-back PR are found, not made).
#
# Copy to .github/workflows/hotfix.yml. Replace \`your-org\` with the owner of your shipshape copy, set the
# repository variable SLACK_DEPLOY_CHANNEL (a channel ID such as C0123ABCDEF) and the secret SLACK_BOT_TOKEN (a
# bot token with chat:write and channels:history), and RELEASE_TOKEN (see cut-release.yml). Protect \`hotfix/*\`.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
name: Hotfix

on:
  push:
    branches: ['hotfix/*']

permissions: {}

jobs:
  hotfix:
    name: Ship the hotfix to production
    runs-on: ubuntu-latest
    timeout-minutes: 60
    environment: production
    # Shared with release.yml, rollback.yml and out-of-band.yml: one production deploy at a time, none dropped.
    concurrency:
      group: deploy-production
      cancel-in-progress: false
      queue: max
    permissions:
      contents: write # the tag and the release
      pull-requests: write # the merge-back pull request; the failure alert's rollback strategies
      actions: read # queue and commit gate
      statuses: read # commit gate
      checks: read # commit gate
    steps:
      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          persist-credentials: false

      - name: Check CHANGELOG.md has the patch's section
        id: changelog
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          mode: check

      # With the job's GITHUB_TOKEN on purpose: a tag it creates starts no workflow, so release.yml (on \`v*\` tags)
      # does not deploy the patch a second time. A \`v1.5.1\` that already exists is left where it is, and its commit is
      # what the guard checks below.
      - name: Tag the pushed commit with the patch version
        id: tag
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          mode: tag

      - name: Draft the patch release
        id: release
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          tag: $\{{ steps.tag.outputs.tag }}
          draft: true

      - name: Wait for our turn and a green commit (window overridden); the tag must contain the hotfix
        id: guard
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          queue: true
          workflows: release.yml, rollback.yml, out-of-band.yml
          commit-gate: true
          sha: $\{{ steps.tag.outputs.sha }}
          contains: $\{{ github.sha }}
          window: $\{{ vars.DEPLOY_WINDOW || 'mon-fri 08:00-17:00 Europe/Paris' }}
          override-reason: Hotfix $\{{ steps.changelog.outputs.version }} from $\{{ github.ref_name }}
          timeout: 1800

      - name: Tell Slack the hotfix deploy started
        id: started
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: started
          environment: production
          version: $\{{ steps.changelog.outputs.version }}
          reason: Hotfix from $\{{ github.ref_name }}
          notes: $\{{ steps.release.outputs.notes }}

      # PLACEHOLDER: replace this step with your deploy.
      - name: Deploy (placeholder)
        env:
          VERSION: $\{{ steps.changelog.outputs.version }}
          COMMIT: $\{{ steps.guard.outputs.checked-sha }}
        run: |
          echo "Deploying hotfix $VERSION (commit $COMMIT) to production"
          # ./scripts/deploy.sh production "$COMMIT"

      - name: Publish the patch release
        id: publish
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          tag: $\{{ steps.tag.outputs.tag }}
          publish: true

      - name: Tell Slack how the hotfix went
        if: always() && steps.started.outputs.message-ts != ''
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: auto # succeeded or failed, from the job status
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.changelog.outputs.version }}
          release-url: $\{{ steps.publish.outputs.release-url }}
          mention-on-failure: $\{{ vars.SLACK_ONCALL_MENTION }}

      # RELEASE_TOKEN (as in cut-release.yml): a pull request opened with the job's GITHUB_TOKEN starts no workflow,
      # so its required checks would never run.
      - name: Open the merge-back pull request into develop
        id: merge-back
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.RELEASE_TOKEN }}
          mode: merge-back
          base: develop

      # The values reach the script through env:, and the branch name is shown as code (it is the pusher's text).
      - name: List the bypassed rules in the job summary
        if: always()
        env:
          VERSION: $\{{ steps.changelog.outputs.version }}
          MERGE_BACK: $\{{ steps.merge-back.outputs.pr-url }}
        run: |
          {
            echo "### Bypassed for hotfix $VERSION"
            echo "- The weekly release: this patch was tagged from the hotfix branch, not cut from develop."
            echo "- The deploy window: overridden (the guard's summary above records the reason)."
            echo "- Review before production: the merge back into develop is reviewed afterwards: $\{MERGE_BACK:-not opened}"
          } >> "$GITHUB_STEP_SUMMARY"
`},{name:"merge-gate",summary:"Merge gate: who may merge what, and when.",text:`# Merge gate: who may merge what, and when. A PR into \`master\` needs at least half of the leads' approvals and no
# standing change request, comes only from \`develop\` or \`hotfix/*\`, and merges only inside the deploy window
# (merging into \`master\` deploys); everything else comes from \`feature/*\`, \`fix/*\` or \`hotfix/*\`.
#
# Copy to .github/workflows/merge-gate.yml. Replace \`your-org\` with the owner of your shipshape copy, then require
# the check "Merge gate" (this job's name) in the branch protection of \`master\` and \`develop\`.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin the action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/merge-gate@<40-hex commit sha> # v1.2.3\`.
name: Merge gate

on:
  pull_request:
    types: [opened, synchronize, reopened, ready_for_review, labeled, unlabeled, closed]
  # Reviews change the verdict: the gate reads the live PR and its reviews. On fork PRs this event has a read-only
  # token, which is all the gate needs.
  pull_request_review:
    types: [submitted, dismissed]
  merge_group:

# Nothing by default; the job asks for exactly what it needs.
permissions: {}

# A newer event on the same PR supersedes the running check.
concurrency:
  group: merge-gate-$\{{ github.event.pull_request.number || github.event.merge_group.head_ref }}
  cancel-in-progress: true

jobs:
  gate:
    name: Merge gate
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # .github/LEADS, read at the base branch
      pull-requests: read # the PR and its reviews
    steps:
      - name: Decide whether the PR may be merged
        uses: your-org/shipshape/actions/merge-gate@v1 # pin to a full commit SHA in production
        with:
          leads: .github/LEADS
          quorum: half
          base-rules: |
            master: develop, hotfix/*
          head-pattern: feature/*, fix/*, hotfix/*
          window: mon-fri 08:00-17:00 Europe/Paris
          window-bases: master
          override-label: out-of-band
          author-merges: true
`},{name:"monorepo-release",summary:"Monorepo release: a package tag (`@acme/api@1.2.0`, or `api-v1.2.0`) publishes that package's CHANGELOG…",text:`# Monorepo release: a package tag (\`@acme/api@1.2.0\`, or \`api-v1.2.0\`) publishes that package's CHANGELOG section as
# the GitHub Release ("@acme/api v1.2.0"), from packages/api/CHANGELOG.md rather than the root one.
#
# Copy to .github/workflows/monorepo-release.yml. Replace \`your-org\` with the owner of your shipshape copy.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/changelog-release@<40-hex commit sha> # v1.2.3\`.
#
# Which changelog: for a package tag, changelog-release finds the package's folder from the workspace layout of the
# checkout (npm / yarn \`workspaces\` in package.json, pnpm-workspace.yaml, lerna.json, else packages/*) by the \`name\`
# in its package.json, and reads the CHANGELOG.md there. With another layout, set \`changelog\` to a template such as
# \`services/{package}/CHANGELOG.md\`. The default \`tag-pattern\` accepts \`pkg@1.2.3\`, \`@scope/pkg@1.2.3\`, \`pkg-v1.2.3\`
# and \`pkg/v1.2.3\`; set it (e.g. \`{package}@{version}\`) to accept one form only.
name: Package release

on:
  push:
    # \`*\` stops at a slash, so a scoped package's tag needs its own pattern.
    tags: ['@*/*@[0-9]*', '*-v[0-9]*']

permissions: {}

jobs:
  release:
    name: Release the tagged package
    runs-on: ubuntu-latest
    timeout-minutes: 10
    # One run per tag: a re-push of the same tag waits for the running one instead of racing it. \`queue: max\` keeps
    # every pending run (GitHub, 2026-05; not with cancel-in-progress).
    concurrency:
      group: package-release-$\{{ github.ref }}
      cancel-in-progress: false
      queue: max
    permissions:
      contents: write # read the workspace layout and the package's changelog; create and publish the release
    steps:
      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          persist-credentials: false

      - name: Publish the package's CHANGELOG section
        id: release
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          changelog: CHANGELOG.md # the default; for a package tag, read in that package's folder
          # By default a package's highest version takes the repository's "Latest" badge, so the badge follows
          # whichever package released last. Keep it off package releases (or set it where one package is the product).
          make-latest: false

      - name: Show what was released
        env:
          VERSION: $\{{ steps.release.outputs.version }}
          RESULT: $\{{ steps.release.outputs.result }}
          URL: $\{{ steps.release.outputs.release-url }}
        run: echo "Release $VERSION ($RESULT) at $URL"
`},{name:"out-of-band",summary:"Out-of-band deploy: started by hand with a reason.",text:`# Out-of-band deploy: started by hand with a reason. Freezes merges and tells the team, checks the commit,
# gives everyone 15 minutes to cancel the run, deploys, reports, then lifts the freeze and says so — the
# freeze is lifted and the all-clear sent even when the deploy fails. Last, always: one postmortem issue per run
# (reason, who triggered and who approved, commit, timeline as a table and a Mermaid gantt chart, outcome, and
# the Slack link).
#
# Copy to .github/workflows/out-of-band.yml. Replace \`your-org\` with the owner of your shipshape copy, set
# the repository variable SLACK_DEPLOY_CHANNEL (a channel ID such as C0123ABCDEF) and the secret
# SLACK_BOT_TOKEN (a bot token with chat:write and channels:history). Make \`merge-freeze\` a required status
# check on main: frozen PRs wait (their status is pending), and those with auto-merge merge once it is lifted.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
name: Out-of-band deploy

on:
  workflow_dispatch:
    inputs:
      reason:
        description: Why this deploy cannot wait for the next release
        required: true
        type: string

permissions: {}

jobs:
  deploy:
    name: Out-of-band deploy to production
    runs-on: ubuntu-latest
    # 15 minutes of cancel window, the commit gate and the deploy.
    timeout-minutes: 60
    environment: production
    # Shared with release.yml. \`queue: max\`: a tag pushed while this run waits must not cancel it (the default
    # keeps one pending run per group); up to 100 wait, first in first out.
    concurrency:
      group: deploy-production
      cancel-in-progress: false
      queue: max
    permissions:
      contents: write # the freeze is recorded as a ref
      statuses: write # the merge-freeze status on open PRs; read for the commit gate
      pull-requests: read # list the open PRs to freeze; the cancel window's abort label
      checks: read # commit gate: check runs
      actions: read # commit gate and cancel window: this run and its jobs; the postmortem: who approved
      issues: write # the postmortem issue
    steps:
      - name: Freeze merges to main
        id: freeze
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          freeze: 'on'
          freeze-reason: $\{{ inputs.reason }}

      - name: Ask the team to hold off merging
        id: freeze-notice
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          template: freeze
          reason: $\{{ inputs.reason }}
          environment: production

      - name: Check the commit, then wait 15 minutes for a cancel
        id: gate
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          commit-gate: true
          cancel-window: 15
          timeout: 1500

      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          ref: $\{{ steps.gate.outputs.checked-sha }}
          persist-credentials: false

      # PLACEHOLDER: replace this step with your deploy. The reason reaches the script through env:.
      - name: Deploy (placeholder)
        env:
          COMMIT: $\{{ steps.gate.outputs.checked-sha }}
          REASON: $\{{ inputs.reason }}
        run: |
          echo "Out-of-band deploy of $COMMIT: $REASON"
          # ./scripts/deploy.sh production "$COMMIT"

      - name: Report the outcome
        id: outcome
        if: always()
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: auto # succeeded, failed or cancelled, from the job status
          environment: production
          reason: $\{{ inputs.reason }}

      - name: Lift the freeze
        id: unfreeze
        if: always()
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          freeze: 'off'

      - name: Tell the team merging may resume
        if: always()
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          template: unfreeze
          message-ts: $\{{ steps.freeze-notice.outputs.message-ts }}
          environment: production

      - name: Open the postmortem issue
        if: always()
        uses: your-org/shipshape/actions/deploy-record@v1 # pin to a full commit SHA in production
        with:
          postmortem: true
          reason: $\{{ inputs.reason }}
          outcome: $\{{ job.status }}
          permalink: $\{{ steps.outcome.outputs.permalink }}
          labels: postmortem, out-of-band
          # The built-in template; for your own, add \`template: .github/postmortem.md\` (placeholders: deploy-record README).
          timeline: |
            Freeze on | $\{{ steps.freeze.outputs.decided-at }}
            Commit gate and cancel window | $\{{ steps.freeze-notice.outputs.posted-at }} | $\{{ steps.gate.outputs.decided-at }}
            Deploy | $\{{ steps.gate.outputs.decided-at }} | $\{{ steps.outcome.outputs.posted-at }}
            Freeze lifted | $\{{ steps.unfreeze.outputs.decided-at }}
`},{name:"pr-checks",summary:"PR checks: every pull request carries a filled-in roll-out / verification / rollback plan, and the CHANGELOG…",text:`# PR checks: every pull request carries a filled-in roll-out / verification / rollback plan, and the
# CHANGELOG has a section for the version being prepared.
#
# Copy to .github/workflows/pr-checks.yml. Replace \`your-org\` with the owner of your shipshape copy.
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/plan-lint@<40-hex commit sha> # v1.2.3\`.
name: PR checks

on:
  pull_request:
    types: [opened, edited, synchronize, reopened, ready_for_review]

# Nothing by default; each job asks for exactly what it needs.
permissions: {}

# A newer push or edit of the same PR supersedes the running check.
concurrency:
  group: pr-checks-$\{{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  plan:
    name: Roll-out plan
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # the PR template and .github/plan-lint.yml, read at the base ref
      pull-requests: write # one comment kept up to date (\`comment: true\`)
    steps:
      - name: Lint the PR description
        id: plan
        uses: your-org/shipshape/actions/plan-lint@v1 # pin to a full commit SHA in production
        with:
          # Fork PRs get a read-only token: there, report through the job summary and annotations only.
          comment: $\{{ github.event.pull_request.head.repo.full_name == github.repository }}
          skip-labels: skip-plan-lint
          fail-on-wip: true

  changelog:
    name: Changelog entry
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read # check out the PR to read CHANGELOG.md and package.json
    steps:
      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          persist-credentials: false
      - name: Check that CHANGELOG.md has a section for the package.json version
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          mode: check
          changelog: CHANGELOG.md
`},{name:"release",summary:"Release: on a version tag, wait for our turn and for a green commit inside the deploy window, draft the…",text:`# Release: on a version tag, wait for our turn and for a green commit inside the deploy window, draft the
# GitHub Release from the CHANGELOG, deploy, run the smoke tests, publish the release only once they pass, and
# keep one Slack message up to date: started → deployed (not yet verified) → verified, or smoke-failed / failed
# with the rollback strategies the shipped pull requests wrote. The job summary ends with the deploy's timeline.
#
# Copy to .github/workflows/release.yml. Replace \`your-org\` with the owner of your shipshape copy, set the
# repository variables SLACK_DEPLOY_CHANNEL (a channel ID such as C0123ABCDEF, not a #name) and optionally
# DEPLOY_WINDOW, and the secret SLACK_BOT_TOKEN (a bot token with chat:write and channels:history).
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
name: Release

on:
  push:
    tags: ['v*']

permissions: {}

jobs:
  release:
    name: Release and deploy to production
    runs-on: ubuntu-latest
    # The guard may wait up to 30 minutes (its \`timeout\`); the deploy gets the rest.
    timeout-minutes: 60
    environment: production
    # One production deploy at a time; a second tag waits instead of cancelling the running deploy. By default a
    # group keeps one pending run and a third tag cancels the second, whose release is then never published:
    # \`queue: max\` keeps up to 100 pending runs, first in first out (GitHub, 2026-05; not with cancel-in-progress).
    concurrency:
      group: deploy-production
      cancel-in-progress: false
      queue: max
    permissions:
      actions: read # queue: list the runs of release.yml and staging.yml; commit gate: this run's jobs
      statuses: read # commit gate: combined status of the tagged commit
      checks: read # commit gate: check runs of the tagged commit
      contents: write # create, update and publish the release
      pull-requests: read # a failure alert quotes the rollback strategies of the pull requests the release shipped
    steps:
      - name: Wait for our turn, a green commit and the deploy window
        id: guard
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          queue: true
          workflows: release.yml, staging.yml
          commit-gate: true
          window: $\{{ vars.DEPLOY_WINDOW || 'mon-fri 08:00-17:00 Europe/Paris' }}
          outside-window: wait
          timeout: 1800

      - name: Draft the release from CHANGELOG.md
        id: release
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          draft: true

      - name: Tell Slack the deploy started
        id: started
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: started
          environment: production
          version: $\{{ steps.release.outputs.version }}
          notes: $\{{ steps.release.outputs.notes }}
          # No release-url yet: a draft's page is visible to maintainers only.

      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          ref: $\{{ steps.guard.outputs.checked-sha }}
          persist-credentials: false

      # PLACEHOLDER: replace this step with your deploy. Untrusted or computed values reach the script
      # through env:, never through $\{{ }} inside run:.
      - name: Deploy (placeholder)
        id: deploy
        env:
          VERSION: $\{{ steps.release.outputs.version }}
          COMMIT: $\{{ steps.guard.outputs.checked-sha }}
        run: |
          echo "Deploying version $VERSION (commit $COMMIT) to production"
          # ./scripts/deploy.sh production "$COMMIT"
          # Attach build artifacts here, to the draft (steps.release.outputs.release-id), before it is published:
          # on a repository with immutable releases a published release takes no new asset.

      - name: Tell Slack it is deployed, not yet verified
        id: deployed
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: deployed
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.release.outputs.version }}

      # PLACEHOLDER: replace this step with the team's smoke tests against production.
      - name: Smoke tests (placeholder)
        id: smoke
        env:
          VERSION: $\{{ steps.release.outputs.version }}
        run: |
          echo "Smoke-testing version $VERSION in production"
          # ./scripts/smoke.sh production

      - name: Tell Slack it is verified
        id: verified
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: verified
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.release.outputs.version }}

      # Published only after verification. With this job's GITHUB_TOKEN the release starts no \`on: release\`
      # workflow (GitHub creates no run for events that token causes). This workflow deploys itself; if another
      # must run on \`release: published\`, pass a GitHub App token here (\`token:\`), as the changelog-release README
      # shows.
      - name: Publish the release
        id: publish
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          publish: true

      - name: Tell Slack the release is out
        id: succeeded
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: succeeded
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.release.outputs.version }}
          release-url: $\{{ steps.publish.outputs.release-url }}

      # A failed verification: the message turns smoke-failed, spells out the choice (fix forward with a hotfix, or
      # run rollback.yml) and quotes the Rollback strategy of every pull request this release shipped.
      - name: Tell Slack the smoke tests failed
        id: smoke-failed
        if: failure() && steps.smoke.outcome == 'failure'
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: smoke-failed
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.release.outputs.version }}
          mention-on-failure: $\{{ vars.SLACK_ONCALL_MENTION }}

      - name: Tell Slack the deploy failed
        id: failed
        # Only once the started message exists: a guard that blocked the deploy is not a failed deploy.
        if: failure() && steps.started.outputs.message-ts != '' && steps.smoke.outcome != 'failure'
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: failed
          message-ts: $\{{ steps.started.outputs.message-ts }}
          environment: production
          version: $\{{ steps.release.outputs.version }}
          mention-on-failure: $\{{ vars.SLACK_ONCALL_MENTION }}

      - name: Draw the timeline in the job summary
        if: always()
        uses: your-org/shipshape/actions/deploy-record@v1 # pin to a full commit SHA in production
        with:
          reason: Release $\{{ steps.release.outputs.version }}
          permalink: $\{{ steps.started.outputs.permalink }}
          timeline: |
            Guard passed | $\{{ steps.guard.outputs.decided-at }}
            Deploy | $\{{ steps.started.outputs.posted-at }} | $\{{ steps.deployed.outputs.posted-at }}
            Verification | $\{{ steps.deployed.outputs.posted-at }} | $\{{ steps.verified.outputs.posted-at || steps.smoke-failed.outputs.posted-at }}
            Released | $\{{ steps.succeeded.outputs.posted-at }}
`},{name:"rollback",summary:"Roll back: redeploy an earlier release, by hand with a reason.",text:`# Roll back: redeploy an earlier release, by hand with a reason. Finds the release to roll back (the last one shipped,
# a draft whose smoke tests failed included) and the target (the published release before it, or the tag you give),
# waits for its turn and checks the target's commit like any deploy (the window overridden, the reason recorded),
# redeploys, turns the failed release's Slack message to "rolled back" (found by its metadata; the alert quotes the
# shipped pull requests' rollback strategies) and marks the failed release in its notes. A re-run changes nothing.
#
# Copy to .github/workflows/rollback.yml. Replace \`your-org\` with the owner of your shipshape copy, set the
# repository variable SLACK_DEPLOY_CHANNEL (a channel ID such as C0123ABCDEF) and the secret SLACK_BOT_TOKEN (a
# bot token with chat:write and channels:history).
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
name: Roll back

on:
  workflow_dispatch:
    inputs:
      target:
        description: Release tag to roll back to (default the published release before the latest)
        type: string
        required: false
      reason:
        description: Why production is rolled back
        type: string
        required: true

permissions: {}

jobs:
  rollback:
    name: Roll back production
    runs-on: ubuntu-latest
    timeout-minutes: 60
    environment: production
    # Shared with release.yml, hotfix.yml and out-of-band.yml: one production deploy at a time, none dropped.
    concurrency:
      group: deploy-production
      cancel-in-progress: false
      queue: max
    permissions:
      contents: write # read the releases; mark the failed one in its notes
      actions: read # queue and commit gate
      statuses: read # commit gate
      checks: read # commit gate
      pull-requests: read # the alert quotes the rollback strategies of the pull requests the failed release shipped
    steps:
      - name: Find the release to roll back and its target
        id: target
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          mode: rollback
          rollback-to: $\{{ inputs.target }}

      - name: Wait for our turn and a green target commit (window overridden)
        id: guard
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          queue: true
          workflows: release.yml, hotfix.yml, out-of-band.yml
          commit-gate: true
          sha: $\{{ steps.target.outputs.target-sha }}
          window: $\{{ vars.DEPLOY_WINDOW || 'mon-fri 08:00-17:00 Europe/Paris' }}
          override-reason: $\{{ inputs.reason }}
          timeout: 1800

      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          ref: $\{{ steps.guard.outputs.checked-sha }}
          persist-credentials: false

      # PLACEHOLDER: replace this step with your deploy of the target release.
      - name: Redeploy the target (placeholder)
        env:
          TARGET: $\{{ steps.target.outputs.target-tag }}
          COMMIT: $\{{ steps.guard.outputs.checked-sha }}
        run: |
          echo "Rolling production back to $TARGET (commit $COMMIT)"
          # ./scripts/deploy.sh production "$COMMIT"

      - name: Mark the release's Slack message rolled back
        id: notify
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          token: $\{{ secrets.SLACK_BOT_TOKEN }}
          channel: $\{{ vars.SLACK_DEPLOY_CHANNEL }}
          status: rolled-back
          environment: production
          thread-version: $\{{ steps.target.outputs.version }}
          version: $\{{ steps.target.outputs.version }}
          reason: $\{{ inputs.reason }}
          # The pull requests between the target and the failed release.
          since: $\{{ steps.target.outputs.target-tag }}
          sha: $\{{ steps.target.outputs.tag }}
          mention-on-failure: $\{{ vars.SLACK_ONCALL_MENTION }}

      - name: Mark the failed release in its notes
        uses: your-org/shipshape/actions/changelog-release@v1 # pin to a full commit SHA in production
        with:
          mode: annotate
          tag: $\{{ steps.target.outputs.tag }}
          rollback-to: $\{{ steps.target.outputs.target-tag }}
          reason: $\{{ inputs.reason }}
`},{name:"staging",summary:"Staging: every push to main deploys to staging, one run at a time and in push order, then tells Slack.",text:`# Staging: every push to main deploys to staging, one run at a time and in push order, then tells Slack.
#
# Copy to .github/workflows/staging.yml. Replace \`your-org\` with the owner of your shipshape copy and set
# the secret SLACK_WEBHOOK_URL (an incoming webhook of your staging channel).
# Pinning: \`@v1\` follows the latest v1.x.y. For a reviewable, immutable dependency pin each action to a
# full commit SHA instead, e.g. \`your-org/shipshape/actions/deploy-guard@<40-hex commit sha> # v1.2.3\`.
name: Staging

on:
  push:
    branches: [main]

permissions: {}

jobs:
  deploy:
    name: Deploy to staging
    runs-on: ubuntu-latest
    timeout-minutes: 30
    environment: staging
    # By default a concurrency group keeps only the newest pending run and cancels the one before it, before its
    # guard ever runs. \`queue: max\` keeps up to 100 pending runs, first in first out (GitHub, 2026-05; not with
    # cancel-in-progress), so every push deploys, in order.
    concurrency:
      group: deploy-staging
      cancel-in-progress: false
      queue: max
    permissions:
      actions: read # queue: list earlier runs of this workflow
      contents: read # check out the commit; compare it with the last release (a failure alert's rollback plans)
      pull-requests: read # a failure alert quotes the rollback strategies of the pull requests not yet released
    steps:
      - name: Wait for earlier staging deploys
        id: guard
        uses: your-org/shipshape/actions/deploy-guard@v1 # pin to a full commit SHA in production
        with:
          queue: true
          timeout: 1200

      - uses: actions/checkout@v4 # pin to a full commit SHA in production
        with:
          persist-credentials: false

      # PLACEHOLDER: replace this step with your deploy.
      - name: Deploy (placeholder)
        env:
          COMMIT: $\{{ steps.guard.outputs.checked-sha }}
        run: |
          echo "Deploying commit $COMMIT to staging"
          # ./scripts/deploy.sh staging "$COMMIT"

      - name: Tell Slack how it went
        if: always()
        uses: your-org/shipshape/actions/deploy-notify@v1 # pin to a full commit SHA in production
        with:
          webhook-url: $\{{ secrets.SLACK_WEBHOOK_URL }}
          status: auto # succeeded or failed, from the job status
          environment: staging
`}]}};