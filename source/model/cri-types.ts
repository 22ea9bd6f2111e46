// The CRI runtime.v1 messages as the client layer hands them out: the plain
// objects @grpc/proto-loader decodes with {longs: String, enums: String,
// defaults: true}. Field names are camelCase; int64/uint64 stay decimal strings
// so nanosecond timestamps and byte sizes are exact; enums are their names;
// absent sub-messages are null.

/** Decimal string of a 64-bit integer, exact (e.g. a nanosecond timestamp). */
export type Int64 = string;

export type StringMap = Record<string, string>;

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';
export type ContainerEventType =
	| 'CONTAINER_CREATED_EVENT'
	| 'CONTAINER_STARTED_EVENT'
	| 'CONTAINER_STOPPED_EVENT'
	| 'CONTAINER_DELETED_EVENT';

export type VersionResponse = {
	version: string;
	runtimeName: string;
	runtimeVersion: string;
	runtimeApiVersion: string;
};

export type RuntimeCondition = {type: string; status: boolean; reason: string; message: string};

export type StatusResponse = {
	status: {conditions: RuntimeCondition[]} | null;
	/** Verbose info; values are JSON strings. */
	info: StringMap;
	/** CRI-O lists its runtime handlers and features; the others leave them empty. */
	runtimeHandlers?: Array<{name: string; features: {recursiveReadOnlyMounts: boolean; userNamespaces: boolean} | null}>;
	features?: {supplementalGroupsPolicy: boolean; userNamespacesHostNetwork: boolean} | null;
};

export type PodSandboxMetadata = {name: string; uid: string; namespace: string; attempt: number};

export type PodSandbox = {
	id: string;
	metadata: PodSandboxMetadata | null;
	state: PodSandboxState;
	createdAt: Int64;
	labels: StringMap;
	annotations: StringMap;
	runtimeHandler: string;
};

export type PodSandboxStatus = PodSandbox & {
	network: {ip: string; additionalIps: Array<{ip: string}>} | null;
	linux: unknown;
};

export type PodSandboxStatusResponse = {status: PodSandboxStatus | null; info: StringMap};

export type ContainerMetadata = {name: string; attempt: number};
export type ImageSpec = {image: string; annotations: StringMap; userSpecifiedImage: string; runtimeHandler: string; imageRef: string};

export type Container = {
	id: string;
	podSandboxId: string;
	metadata: ContainerMetadata | null;
	image: ImageSpec | null;
	imageRef: string;
	state: ContainerState;
	createdAt: Int64;
	labels: StringMap;
	annotations: StringMap;
	imageId: string;
};

export type ContainerStatus = {
	id: string;
	metadata: ContainerMetadata | null;
	state: ContainerState;
	createdAt: Int64;
	startedAt: Int64;
	finishedAt: Int64;
	exitCode: number;
	image: ImageSpec | null;
	imageRef: string;
	reason: string;
	message: string;
	labels: StringMap;
	annotations: StringMap;
	mounts: Array<{containerPath: string; hostPath: string; readonly: boolean}>;
	logPath: string;
	imageId: string;
	/** Decoded like the rest (int64 as strings); absent in older answers, null when unset (cri-dockerd). */
	resources?: Record<string, unknown> | null;
	user?: Record<string, unknown> | null;
	/** Signal enum name, e.g. RUNTIME_DEFAULT. */
	stopSignal?: string;
};

export type ContainerStatusResponse = {status: ContainerStatus | null; info: StringMap};

export type Image = {
	id: string;
	repoTags: string[];
	repoDigests: string[];
	size: Int64;
	uid: {value: Int64} | null;
	username: string;
	spec: ImageSpec | null;
	pinned: boolean;
};

export type ImageStatusResponse = {image: Image | null; info: StringMap};

export type FilesystemUsage = {
	timestamp: Int64;
	fsId: {mountpoint: string} | null;
	usedBytes: {value: Int64} | null;
	inodesUsed: {value: Int64} | null;
};

export type ImageFsInfoResponse = {imageFilesystems: FilesystemUsage[]; containerFilesystems: FilesystemUsage[]};

export type UInt64Value = {value: Int64} | null;

export type ContainerStats = {
	attributes: {id: string; metadata: ContainerMetadata | null; labels: StringMap; annotations: StringMap} | null;
	cpu: {timestamp: Int64; usageCoreNanoSeconds: UInt64Value; usageNanoCores: UInt64Value} | null;
	memory: {timestamp: Int64; workingSetBytes: UInt64Value; availableBytes: UInt64Value; usageBytes: UInt64Value; rssBytes: UInt64Value} | null;
	writableLayer: FilesystemUsage | null;
};

/**
 * What the dashboard reads of one ContainerStats, or of a pod's linux stats: the ID, the CPU
 * counter and its time, the working set. Decoded by hand from the stats answers (ListContainerUsage).
 */
export type UsageSample = {
	id: string;
	/**
	 * The CPU reading as doubles, as the history computes with them: the time in ns since the epoch
	 * (0 when unset, negative when the runtime sent one) and the usage_core_nano_seconds counter,
	 * null when absent. Each is the double nearest the 64-bit integer, as Number() of its decimal
	 * string gives: numbers straight from the wire, not strings parsed back every round.
	 */
	cpu: {timestampNs: number; coreNs: number | null} | null;
	memory: {workingSetBytes: UInt64Value} | null;
};

export type PodSandboxStats = {
	attributes: {id: string; metadata: PodSandboxMetadata | null; labels: StringMap; annotations: StringMap} | null;
	linux: {
		cpu: ContainerStats['cpu'];
		memory: ContainerStats['memory'];
		containers: ContainerStats[];
	} | null;
};

export type ContainerEventResponse = {
	containerId: string;
	containerEventType: ContainerEventType;
	createdAt: Int64;
	podSandboxStatus: PodSandboxStatus | null;
	containersStatuses: ContainerStatus[];
};

export type ExecSyncResponse = {stdout: Buffer; stderr: Buffer; exitCode: number};

export type PodSandboxFilter = {id?: string; state?: {state: PodSandboxState}; labelSelector?: StringMap};
export type ContainerFilter = {id?: string; state?: {state: ContainerState}; podSandboxId?: string; labelSelector?: StringMap};
