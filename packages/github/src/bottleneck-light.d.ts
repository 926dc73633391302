// plugin-throttling and plugin-retry use Bottleneck's light build (no clustering); importing the same file keeps a
// single copy in the bundles. Its types are the full build's.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
