// THE table of how the simulated runtimes differ. Every flavour difference lives here and the
// model/services only consult it. Facts come from /work/shared/notes/runtime-differences.md
// (containerd 1.6.20, CRI-O 1.33.13, cri-dockerd 0.3.20 on Docker 20.10.24, observed side by side).

export type Flavor = 'containerd' | 'containerd-1.7' | 'cri-o' | 'cri-dockerd';

/** gRPC status codes used below (numbers so this file needs no grpc import). */
export const code = {unknown: 2, notFound: 5, failedPrecondition: 9, unimplemented: 12} as const;

export type FlavourSpec = {
	runtimeName: string;
	runtimeVersion: string;
	/** The sandbox (pause) image this runtime uses. */
	pauseImage: string;
	/** Image.id: `sha256:<hex>` or CRI-O's bare `<hex>`. */
	imageId: 'sha256' | 'bare';
	/** repoTags: `docker.io/library/busybox:1.36` or Docker's short `busybox:1.36`. */
	repoTags: 'full' | 'short';
	/** repoDigests filled (CRI-O) or empty (locally loaded images on the others). */
	repoDigests: boolean;
	/** Only CRI-O pins its pause image. */
	pinsPause: boolean;
	/** Container.imageRef in ListContainers / ContainerStatus. */
	imageRefList: 'id' | 'digest';
	imageRefStatus: 'id' | 'docker-id' | 'digest';
	/** ContainerStatus.image.image is Docker's short name on cri-dockerd. */
	statusImageShort: boolean;
	/** cri-dockerd reports whole seconds only. */
	wholeSeconds: boolean;
	/** CRI-O adds io.kubernetes.* labels to pods itself. */
	addsPodLabels: boolean;
	/** Keys of Status verbose info. */
	statusInfo: (pauseImage: string) => Record<string, unknown>;
	/** ContainerStatus verbose info: containerd richest, CRI-O middling, cri-dockerd pid+sandboxID. */
	containerInfo: 'containerd' | 'cri-o' | 'cri-dockerd';
	/** PodSandboxStatus verbose info (cri-dockerd: none). */
	podInfo: boolean;
	/** ContainerStatus.resources is null on cri-dockerd. */
	containerResources: boolean;
	stats: {
		usageNanoCores: boolean;
		fullMemory: boolean;
		/** cri-dockerd's ListContainerStats also lists exited containers, with zeros. */
		listsExited: boolean;
	};
	/** ListPodSandboxStats: works, CRI-O's (cpu/memory may be null), fails (containerd 1.6) or unimplemented. */
	podStats: 'full' | 'nullable' | 'fails' | 'unimplemented';
	/** GetContainerEvents streams. */
	events: boolean;
	/** StreamContainers/StreamPodSandboxes/StreamImages (KEP 5825). No observed runtime has them;
	 * the sim offers them on containerd-1.7 only so clients can exercise the path. */
	listStreaming: boolean;
	/** RuntimeConfig, ListMetricDescriptors, ListPodSandboxMetrics. */
	metrics: boolean;
	/** Log files: CRI format, or a symlink to Docker's json-file log. */
	logs: 'cri' | 'docker-json';
	/** CRI-O keeps log files after RemoveContainer; cri-dockerd removes its symlink; containerd removes nothing either. */
	removeDeletesLog: boolean;
	/** RemoveImage of an image a container uses: containerd deletes it anyway (the kubelet's GC
	 * guards), CRI-O and Docker refuse. */
	removeImageInUse: 'allow' | 'refuse';
	/** Grace waited when StopPodSandbox meets a process ignoring SIGTERM. */
	stopPodGrace: 'none' | 'own-10s' | 'until-deadline';
	/** After a daemon restart: pods stay ready, or come back NotReady with containers exited. */
	restartKeepsPods: boolean;
	/** Mountpoint ImageFsInfo reports for the image filesystem. */
	imageFsMount: string;
	/** Text of an UNIMPLEMENTED answer for an RPC this runtime lacks. */
	unimplemented: (rpc: string) => string;
	/** Error for a missing object. */
	notFound: (kind: 'container' | 'sandbox' | 'image', id: string) => {code: number; message: string};
	/** Error for RemoveImage of an image in use. */
	imageInUse: (image: string, containerId: string) => {code: number; message: string};
};

const goUnknownMethod = (rpc: string) => `unknown method ${rpc} for service runtime.v1.RuntimeService`;

const containerdBase = {
	runtimeName: 'containerd',
	imageId: 'sha256',
	repoTags: 'full',
	repoDigests: false,
	pinsPause: false,
	imageRefList: 'id',
	imageRefStatus: 'id',
	statusImageShort: false,
	wholeSeconds: false,
	addsPodLabels: false,
	statusInfo: (pauseImage: string) => ({
		cniconfig: {PluginDirs: ['/usr/lib/cni'], PluginConfDir: '/etc/cni/net.d', PluginMaxConfNum: 1, Prefix: 'eth', Networks: [{Config: {Name: 'cni-loopback', CNIVersion: '0.3.1', Plugins: [{Network: {type: 'loopback'}}]}, IFName: 'lo'}]},
		config: {containerd: {snapshotter: 'overlayfs', defaultRuntimeName: 'runc'}, sandboxImage: pauseImage, enableSelinux: false, maxContainerLogSize: 16384, restrictOOMScoreAdj: true},
		golang: 'go1.19.8',
		lastCNILoadStatus: 'OK',
		'lastCNILoadStatus.default': 'OK',
	}),
	containerInfo: 'containerd',
	podInfo: true,
	containerResources: true,
	stats: {usageNanoCores: true, fullMemory: true, listsExited: false},
	logs: 'cri',
	removeDeletesLog: false,
	removeImageInUse: 'allow',
	stopPodGrace: 'none',
	restartKeepsPods: true,
	imageFsMount: '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs',
	unimplemented: goUnknownMethod,
	notFound: (kind: string, id: string) => ({code: code.notFound, message: `an error occurred when try to find ${kind} "${id}": not found`}),
	imageInUse: () => ({code: code.unknown, message: ''}),
} satisfies Partial<FlavourSpec>;

export const flavours: Record<Flavor, FlavourSpec> = {
	containerd: {
		...containerdBase,
		runtimeVersion: '1.6.20~ds1',
		pauseImage: 'registry.k8s.io/pause:3.6',
		podStats: 'fails',
		events: false,
		listStreaming: false,
		metrics: false,
	},
	'containerd-1.7': {
		...containerdBase,
		runtimeVersion: '1.7.24~ds1',
		pauseImage: 'registry.k8s.io/pause:3.8',
		statusInfo: pauseImage => ({...containerdBase.statusInfo(pauseImage), golang: 'go1.22.12'}),
		podStats: 'full',
		events: true,
		listStreaming: true,
		metrics: true,
	},
	'cri-o': {
		runtimeName: 'cri-o',
		runtimeVersion: '1.33.13',
		pauseImage: 'registry.k8s.io/pause:3.10',
		imageId: 'bare',
		repoTags: 'full',
		repoDigests: true,
		pinsPause: true,
		imageRefList: 'digest',
		imageRefStatus: 'digest',
		statusImageShort: false,
		wholeSeconds: false,
		addsPodLabels: true,
		statusInfo: pauseImage => ({config: {crio: {runtime: {default_runtime: 'crun'}, image: {pause_image: pauseImage}, network: {network_dir: '/etc/cni/net.d/'}}, sandboxImage: pauseImage}}),
		containerInfo: 'cri-o',
		podInfo: true,
		containerResources: true,
		stats: {usageNanoCores: false, fullMemory: true, listsExited: false},
		podStats: 'nullable',
		events: true,
		listStreaming: false,
		metrics: true,
		logs: 'cri',
		removeDeletesLog: false,
		removeImageInUse: 'refuse',
		stopPodGrace: 'until-deadline',
		restartKeepsPods: true,
		imageFsMount: '/var/lib/containers/storage/overlay-images',
		unimplemented: rpc => `method ${rpc} not implemented`,
		notFound: (kind, id) => ({code: code.notFound, message: `could not find ${kind} "${id}": ${kind} with ID starting with ${id} not found: ID does not exist`}),
		imageInUse: (image, id) => ({code: code.unknown, message: `image used by ${id}: image is in use by a container`}),
	},
	'cri-dockerd': {
		runtimeName: 'docker',
		runtimeVersion: '20.10.24+dfsg1',
		pauseImage: 'registry.k8s.io/pause:3.9',
		imageId: 'sha256',
		repoTags: 'short',
		repoDigests: false,
		pinsPause: false,
		imageRefList: 'id',
		imageRefStatus: 'docker-id',
		statusImageShort: true,
		wholeSeconds: true,
		addsPodLabels: false,
		statusInfo: pauseImage => ({config: {sandboxImage: pauseImage}}),
		containerInfo: 'cri-dockerd',
		podInfo: false,
		containerResources: false,
		stats: {usageNanoCores: false, fullMemory: false, listsExited: true},
		podStats: 'unimplemented',
		events: false,
		listStreaming: false,
		metrics: false,
		logs: 'docker-json',
		removeDeletesLog: true,
		removeImageInUse: 'refuse',
		stopPodGrace: 'own-10s',
		restartKeepsPods: false,
		imageFsMount: '/var/lib/docker/image/overlay2',
		unimplemented: rpc => `method ${rpc} not implemented`,
		notFound: (_kind, id) => ({code: code.unknown, message: `Error response from daemon: No such container: ${id}`}),
		imageInUse: (image, id) => ({code: code.unknown, message: `Error response from daemon: conflict: unable to remove repository reference "${image}" (must force) - container ${id.slice(0, 12)} is using its referenced image`}),
	},
};

/** Docker's short form of a reference: drop `docker.io/` and `library/`. */
export function shortRef(ref: string): string {
	return ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
}
