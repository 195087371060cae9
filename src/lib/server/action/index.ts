/**
 * The one action layer of every module: scope first, then the form, then the service, then one
 * mapping of the services' errors. See DEVELOPERS.md, "A route and its actions".
 */
export type { Actor } from '../audit';
export { actorOf, pageOf, requestContext, routeId, type RequestContext } from './context';
export { departmentScope, ownScope, schoolScope, schoolScopeAnyOf, type Scope } from './scope';
export { guardedAction, guardedActions, guardedLoad } from './actions';
export {
	formFailure,
	plainAction,
	plainFailure,
	plainInvalid,
	readForm,
	readPlainForm,
	type PlainOutcome
} from './forms';
export { savedRedirect } from './saved';
export { formKeySchema, newFormKey, onceByFormKey } from './form-key';
