// Public face of the datahub module (数据中台): the data catalog of shared resources and the client
// that reads them from the registries. Routes that call it record each lookup through `onLookup`.
export {
  DATAHUB_RESOURCES, DATAHUB_RESOURCE_CODES, ZDatahubResourceCode, findDatahubResource,
  type DatahubResource, type DatahubField, type SharingType, type LookupKeyKind, type TDatahubResourceCode,
} from './datahub.resources.ts';
export {
  createDatahubClient, DatahubError,
  type DatahubClient, type DatahubClientOptions, type DatahubLookupEvent, type DatahubRecord, type DatahubErrorCode, type LookupKey,
} from './datahub-client.ts';
