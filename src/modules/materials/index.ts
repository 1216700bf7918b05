// The materials module's public face: uploaded files (材料上传) and who may read them.
export { registerMaterialsRoutes, type MaterialsRouteDeps } from './materials.routes.ts';
export type { LockApplication } from './supply-deferred.ts';
export { saveUpload, openUpload, openUploadForUnit, findUploads, sniffType, sanitiseFileName, contentDisposition, UPLOAD_MAX_BYTES, type UploadRow } from './uploads.ts';
export { listApplicationMaterials, applicationMaterialsInsert, type NewApplicationMaterial } from './application-materials.ts';
export {
  ZMaterialProvision, ZUploadId, ZApplicationMaterial, ZUpload, ZUploadQuery, ZUploadParams,
  type TMaterialProvision, type TApplicationMaterial, type TUpload,
} from '../../contract/materials.ts';
export { MATERIALS_EVENTS, type TMaterialsEvent } from './materials.events.ts';
export { deferredRemindersTask, remindDeferredMaterials } from './remind-deferred.ts';
