// 办件智能分发: routing sub-cases to the competent unit.
export { routeMatter, checkRouting, checkRule, type Route, type RoutingMatter, type RoutingWorld, type ThemeUnit } from './routing.ts';
export { routeMatters, routingMatterOf, routingWorld, routingCheck, reachableUnits, type ApplicantPlace, type ReachedUnit } from './routing-service.ts';
export { registerRoutingRoutes } from './routing.routes.ts';
