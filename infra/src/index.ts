export {
  type ContractMethod,
  ContractRestApi,
  type ContractRestApiProps,
  corsRequestHeaders,
  type StageThrottling,
} from './api/contract-rest-api.js';
export {
  GatehouseUserPool,
  type GatehouseUserPoolProps,
  PASSWORD_MIN_LENGTH,
  type TokenValidity,
} from './auth/gatehouse-user-pool.js';
export {
  type AppConfig,
  AppContextKeys,
  gatehouseStackName,
  type LogLevel,
  LogLevels,
  parseAppConfig,
  type Stage,
  Stages,
} from './config/app-config.js';
export { DataTable, type DataTableProps } from './data/data-table.js';
export { InfraConfigError, InfraError, MissingAssetError } from './errors/infra-error.js';
export {
  API_BUNDLE_ENTRY,
  API_BUNDLE_HANDLER,
  type ApiAssets,
  apiAssetsIn,
  assertApiAssets,
} from './functions/api-assets.js';
export { AssetFunction, type AssetFunctionProps } from './functions/asset-function.js';
export { GatehouseStack, type GatehouseStackProps, ServiceNames } from './gatehouse-stack.js';
export { assertWebAssets, WEB_ENTRY } from './web/web-assets.js';
export { WebHosting, type WebHostingProps, type WebRuntimeConfig } from './web/web-hosting.js';
