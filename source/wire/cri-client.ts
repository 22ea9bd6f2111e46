// CONTRACT (agreed by every layer above): the typed CRI client. No React here.
// The implementation below the interface belongs to the wire layer's owner.
import type {
	Container, ContainerEventResponse, ContainerFilter, ContainerStats, ContainerStatusResponse,
	ExecSyncResponse, Image, ImageFsInfoResponse, ImageStatusResponse, PodSandbox, PodSandboxFilter,
	PodSandboxStats, PodSandboxStatusResponse, StatusResponse, VersionResponse,
} from './types.js';

/** A list and, when the runtime could not give all of it, a sentence saying what was cut. */
export type ListResult<T> = {items: T[]; truncated?: string};

export type ClientOptions = {
	/** unix socket path of the runtime service. */
	runtimeEndpoint: string;
	/** unix socket path of the image service. @default runtimeEndpoint */
	imageEndpoint?: string;
	/** Deadline of every call, ms. @default 2000 */
	timeoutMs?: number;
	/** Refuse every mutating RPC in the client itself. @default false */
	readOnly?: boolean;
};

export type ExecRequest = {containerId: string; cmd: string[]; tty: boolean; stdin: boolean; stdout: boolean; stderr: boolean};

export type EventSubscription = {cancel(): void};

export interface CriClient {
	readonly runtimeEndpoint: string;
	readonly imageEndpoint: string;
	readonly readOnly: boolean;
	version(): Promise<VersionResponse>;
	status(verbose?: boolean): Promise<StatusResponse>;
	listPodSandbox(filter?: PodSandboxFilter): Promise<ListResult<PodSandbox>>;
	podSandboxStatus(id: string, verbose?: boolean): Promise<PodSandboxStatusResponse>;
	listContainers(filter?: ContainerFilter): Promise<ListResult<Container>>;
	containerStatus(id: string, verbose?: boolean): Promise<ContainerStatusResponse>;
	listImages(): Promise<ListResult<Image>>;
	imageStatus(image: string, verbose?: boolean): Promise<ImageStatusResponse>;
	imageFsInfo(): Promise<ImageFsInfoResponse>;
	listContainerStats(): Promise<ContainerStats[]>;
	listPodSandboxStats(): Promise<PodSandboxStats[]>;
	/** Mutating. timeoutSeconds is the grace period given to the runtime; the call deadline grows with it. */
	stopContainer(id: string, timeoutSeconds: number): Promise<void>;
	/** Mutating. Uses a longer deadline than reads: runtimes wait out grace periods. */
	stopPodSandbox(id: string): Promise<void>;
	removeContainer(id: string): Promise<void>;
	removePodSandbox(id: string): Promise<void>;
	removeImage(image: string): Promise<void>;
	/** Mutating (runs a process in the container). */
	execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecSyncResponse>;
	/** Mutating. Returns the streaming URL for the exec session. */
	exec(request: ExecRequest): Promise<{url: string}>;
	/** Streams GetContainerEvents; onError receives a CriError (code 'unimplemented' where the runtime lacks it). */
	containerEvents(onEvent: (event: ContainerEventResponse) => void, onError: (error: Error) => void): EventSubscription;
	close(): void;
}
