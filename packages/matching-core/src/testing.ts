// @anju/matching-core/testing: the naive reference implementations (oracles) the fast ones are checked
// against. Same signatures and results as `rankOpenings`, `rankResidents` and `skillGaps`, far slower: for
// tests of code built on the core, never for production.
export { rankOpeningsNaive, rankResidentsNaive } from './rank/rank.ts';
export { skillGapsReference } from './gaps/reference.ts';
