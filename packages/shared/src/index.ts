export { CountyCode, provinceOf } from './region.ts';
