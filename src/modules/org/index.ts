// Public face of the org module: divisions and units, and which local unit serves an address.
export { registerOrgRoutes } from './org.routes.ts';
export { findDivision, findUnit, listDivisions, listUnits, nearestUnit, divisionChain, divisionSubtree } from './org.repo.ts';
export { ZDivisionView, ZUnitView, type TDivisionView, type TUnitView } from '../../contract/org.ts';
