export { isCrossProvince } from './location.ts';
