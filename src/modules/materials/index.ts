// The materials module's public face: uploaded files (材料上传) and who may read them.
export { registerMaterialsRoutes } from './materials.routes.ts';
export { saveUpload, openUpload, openUploadForUnit, findUploads, sniffType, sanitiseFileName, contentDisposition, UPLOAD_MAX_BYTES, type UploadRow } from './uploads.ts';
export { listApplicationMaterials } from './application-materials.ts';
export { MATERIALS_EVENTS, type TMaterialsEvent } from './materials.events.ts';
export { deferredRemindersTask, remindDeferredMaterials } from './remind-deferred.ts';
