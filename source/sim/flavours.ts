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
	/** CRI-O and cri-dockerd pin their pause image; containerd 1.6 does not. */
	pinsPause: boolean;
	/** Container.imageRef in ListContainers / ContainerStatus. */
	imageRefList: 'id' | 'digest';
	imageRefStatus: 'id' | 'docker-id' | 'digest';
	/** ContainerStatus.image.image is Docker's short name on cri-dockerd. */
	statusImageShort: boolean;
	/** cri-dockerd: whole seconds in ListContainers/ListPodSandbox createdAt (the Status calls keep nanoseconds). */
	wholeSecondsInLists: boolean;
	/** Container.imageId / ContainerStatus.imageId: empty (containerd 1.6, cri-dockerd) or the image's id (CRI-O, bare hex). */
	containerImageId: 'empty' | 'id';
	/** CRI-O: a container made by image name has image = the name and imageRef = bare hex; made by
	 * image ID (as the kubelet does) image = the hex ID and imageRef = repo@sha256:digest. */
	imagePairing: 'crio' | 'plain';
	/** A running container's finishedAt: 0, or Go's zero time as nanoseconds (cri-dockerd). */
	runningFinishedAt: bigint;
	/** CRI-O adds io.kubernetes.* labels to pods itself. */
	addsPodLabels: boolean;
	/** Keys of Status verbose info. */
	statusInfo: (pauseImage: string) => Record<string, unknown>;
	/** ContainerStatus verbose info: containerd richest, CRI-O middling, cri-dockerd pid+sandboxID. */
	containerInfo: 'containerd' | 'cri-o' | 'cri-dockerd';
	/** PodSandboxStatus verbose info (cri-dockerd: none). */
	podInfo: boolean;
	/** ContainerStatus.resources (containerd, CRI-O; null on cri-dockerd). */
	containerResources: boolean;
	/** ContainerStatus.user (CRI-O only). */
	containerUser: boolean;
	/** Status: CRI-O's runtimeHandlers and features. */
	runtimeHandlers: string[];
	features: boolean;
	/** ImageFsInfo.containerFilesystems: one entry with this mountpoint (CRI-O, cri-dockerd), or none. */
	containerFilesystems?: string;
	/** RuntimeConfig's cgroup driver, or undefined for UNIMPLEMENTED (containerd 1.6). */
	cgroupDriver?: 'SYSTEMD' | 'CGROUPFS';
	stats: {
		usageNanoCores: boolean;
		fullMemory: boolean;
		/** Exited containers in ListContainerStats: left out, listed with cpu/memory null
		 * (containerd 1.6), or listed with zeros (cri-dockerd). */
		exited: 'omit' | 'null' | 'zeros';
	};
	/** ListPodSandboxStats: works, CRI-O's (cpu/memory may be null), fails (containerd 1.6) or unimplemented. */
	podStats: 'full' | 'nullable' | 'fails' | 'unimplemented';
	/** GetContainerEvents streams. */
	events: boolean;
	/** CRI-O: containersStatuses empty on every event; the pod's own start, stop and removal come
	 * as container events whose containerId is the pod's ID. */
	eventStyle: 'full' | 'crio';
	/** StreamContainers/StreamPodSandboxes/StreamImages (KEP 5825). No observed runtime has them;
	 * the sim offers them on containerd-1.7 only so clients can exercise the path. */
	listStreaming: boolean;
	/** RuntimeConfig, ListMetricDescriptors, ListPodSandboxMetrics. */
	metrics: boolean;
	/** Log files: CRI format, or a symlink to Docker's json-file log. */
	logs: 'cri' | 'docker-json';
	/** CRI log time: Go's RFC3339Nano with `Z` (containerd) or CRI-O's nine digits and `+00:00`. */
	logTime: 'rfc3339nano' | 'crio';
	/** Log file mode (CRI-O 0600) and whether the pod log folder holds `<sandboxID>.log` (CRI-O). */
	logMode: number;
	podLogFile: boolean;
	/** StopPodSandbox stops the app containers (with this exit code), or leaves them running (cri-dockerd). */
	stopPodContainers: 137 | 143 | 'leave-running';
	/** Answers for an unknown ID where a runtime differs from "not found" (see notFound). */
	unknownId: {
		StopContainer: 'ok' | 'not-found';
		RemoveContainer: 'ok' | 'error';
		StopPodSandbox: 'ok' | 'not-found';
		/** ContainerStats/PodSandboxStats of an unknown ID: CRI-O code 2, others their not-found. */
		stats: 'unknown' | 'not-found';
	};
	exec: ExecFlavour;
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

/** How a runtime serves Exec and ExecSync. */
export type ExecFlavour = {
	/** The URL Exec answers: `http://127.0.0.1:PORT/exec/TOKEN`, or cri-dockerd's scheme-less
	 * `//127.0.0.1:PORT/cri/exec/TOKEN`. */
	url: 'http' | 'scheme-less-cri';
	/** A program that does not exist, on the stream: CRI-O writes the runtime's error and exits 255;
	 * cri-dockerd writes `OCI runtime exec failed: …` and exits 126; containerd sends an error
	 * status without an exit code. None says 127. */
	missing: 'crio-255' | 'docker-126' | 'error-status';
	/** ExecSync of a missing program: the RPC fails (code 2), or exit 126 with no output (cri-dockerd). */
	missingSync: 'rpc-error' | 'exit-126';
	/** The text after "command terminated with non-zero exit code: " on the stream's Status. */
	exitText: (code: number, cmd: string[]) => string;
	/** Exec on a container that is not running: the RPC fails, or a URL whose stream says so (CRI-O). */
	notRunning: 'rpc-error' | 'on-stream';
};

/** The runtime's own words for a program that is not in the image. */
export const notInPath = (program: string) => `exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH`;

/** Go's zero time (0001-01-01T00:00:00Z) as Unix nanoseconds, wrapped to int64 as cri-dockerd sends it. */
export const goZeroTime = -6_795_364_578_871_345_152n;

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
	wholeSecondsInLists: false,
	containerImageId: 'empty',
	imagePairing: 'plain',
	runningFinishedAt: 0n,
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
	containerUser: false,
	runtimeHandlers: [],
	features: false,
	stats: {usageNanoCores: true, fullMemory: true, exited: 'null'},
	eventStyle: 'full',
	logs: 'cri',
	logTime: 'rfc3339nano',
	logMode: 0o640,
	podLogFile: false,
	stopPodContainers: 137,
	unknownId: {StopContainer: 'not-found', RemoveContainer: 'ok', StopPodSandbox: 'not-found', stats: 'not-found'},
	exec: {
		url: 'http', missing: 'error-status', missingSync: 'rpc-error', notRunning: 'rpc-error',
		exitText: (exitCode: number, cmd: string[]) => `error executing command ${goSlice(cmd)}, exit code ${exitCode}`,
	},
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
		// Observed on 1.6 only; 1.7 is taken to answer as 1.6 does except where it has more RPCs.
		events: true,
		listStreaming: true,
		metrics: true,
		cgroupDriver: 'SYSTEMD',
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
		wholeSecondsInLists: false,
		containerImageId: 'id',
		imagePairing: 'crio',
		runningFinishedAt: 0n,
		addsPodLabels: true,
		// A dump of CRI-O's Go config struct.
		statusInfo: pauseImage => ({config: {DefaultRuntime: 'crun', EnablePodEvents: true, PauseImage: pauseImage, NetworkDir: '/etc/cni/net.d/', LogDir: '/var/log/crio/pods', CgroupManagerName: 'systemd', sandboxImage: pauseImage}}),
		containerInfo: 'cri-o',
		podInfo: true,
		containerResources: true,
		containerUser: true,
		runtimeHandlers: ['crun', 'runc', 'default'],
		features: true,
		containerFilesystems: '/var/lib/containers/storage/overlay-containers',
		cgroupDriver: 'SYSTEMD',
		stats: {usageNanoCores: false, fullMemory: true, exited: 'omit'},
		podStats: 'nullable',
		events: true,
		eventStyle: 'crio',
		listStreaming: false,
		metrics: true,
		logs: 'cri',
		logTime: 'crio',
		logMode: 0o600,
		podLogFile: true,
		stopPodContainers: 143,
		unknownId: {StopContainer: 'ok', RemoveContainer: 'ok', StopPodSandbox: 'ok', stats: 'unknown'},
		exec: {url: 'http', missing: 'crio-255', missingSync: 'rpc-error', notRunning: 'on-stream', exitText: exitCode => `exit status ${exitCode}`},
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
		pinsPause: true,
		imageRefList: 'id',
		imageRefStatus: 'docker-id',
		statusImageShort: true,
		wholeSecondsInLists: true,
		containerImageId: 'empty',
		imagePairing: 'plain',
		runningFinishedAt: goZeroTime,
		addsPodLabels: false,
		statusInfo: pauseImage => ({config: {sandboxImage: pauseImage}}),
		containerInfo: 'cri-dockerd',
		podInfo: false,
		containerResources: false,
		containerUser: false,
		runtimeHandlers: [],
		features: false,
		containerFilesystems: '/var/lib/docker',
		cgroupDriver: 'CGROUPFS',
		stats: {usageNanoCores: false, fullMemory: false, exited: 'zeros'},
		podStats: 'unimplemented',
		events: false,
		eventStyle: 'full',
		listStreaming: false,
		metrics: false,
		logs: 'docker-json',
		logTime: 'rfc3339nano',
		logMode: 0o640,
		podLogFile: false,
		stopPodContainers: 'leave-running',
		unknownId: {StopContainer: 'not-found', RemoveContainer: 'error', StopPodSandbox: 'ok', stats: 'not-found'},
		exec: {url: 'scheme-less-cri', missing: 'docker-126', missingSync: 'exit-126', notRunning: 'rpc-error', exitText: exitCode => `Error executing in Docker Container: ${exitCode}`},
		removeDeletesLog: true,
		removeImageInUse: 'refuse',
		stopPodGrace: 'own-10s',
		restartKeepsPods: false,
		imageFsMount: '/var/lib/docker/image/overlay2',
		unimplemented: rpc => `method ${rpc} not implemented`,
		// StopContainer of an unknown ID is NotFound (5); the other calls pass on Docker's error (2).
		notFound: (_kind, id) => ({code: code.unknown, message: `Error response from daemon: No such container: ${id}`}),
		imageInUse: (image, id) => ({code: code.unknown, message: `Error response from daemon: conflict: unable to remove repository reference "${image}" (must force) - container ${id.slice(0, 12)} is using its referenced image`}),
	},
};

/** A Go `%v` of a string slice: `[/bin/sh -c exit 5]`. */
function goSlice(cmd: string[]): string {
	return `[${cmd.join(' ')}]`;
}

/** Docker's short form of a reference: drop `docker.io/` and `library/`. */
export function shortRef(ref: string): string {
	return ref.replace(/^docker\.io\//, '').replace(/^library\//, '');
}
