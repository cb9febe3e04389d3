// What the extension's Start Local Simulator command needs of the simulator, in one
// module: built, it is a sibling bundle (dist/simulator.js, see esbuild.js) required
// when the command first runs, so activation never parses the simulator.
export { BUILT_IN_SCENARIOS } from './scenarios';
export { loadScenario } from './scenario-source';
export { startSimulator } from './server';
