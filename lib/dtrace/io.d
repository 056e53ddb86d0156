/*
 * Disk I/O: bufinfo_t, devinfo_t and fileinfo_t (the types of the io
 * provider's arguments) with translators from the kernel's struct request,
 * and the b_flags bits.  Written for this project from DTrace's documented
 * types; the kernel's dev_t is major << 20 | minor, as getmajor() and
 * getminor() take it apart.  What Linux cannot tell from a request has DTrace's documented
 * default ("<none>" for a file, -1 for its offset, 0 otherwise).
 */
#pragma D depends_on library procfs.d

typedef char *caddr_t;
typedef int64_t offset_t;

/* b_flags */
inline int B_BUSY = 0x000001;
#pragma D binding "1.0" B_BUSY
inline int B_DONE = 0x000002;
#pragma D binding "1.0" B_DONE
inline int B_ERROR = 0x000004;
#pragma D binding "1.0" B_ERROR
inline int B_PAGEIO = 0x000010;
#pragma D binding "1.0" B_PAGEIO
inline int B_PHYS = 0x000020;
#pragma D binding "1.0" B_PHYS
inline int B_READ = 0x000040;
#pragma D binding "1.0" B_READ
inline int B_WRITE = 0x000100;
#pragma D binding "1.0" B_WRITE
inline int B_ASYNC = 0x000400;
#pragma D binding "1.0" B_ASYNC

typedef struct bufinfo {
	int b_flags;		/* B_READ, B_WRITE, ... */
	size_t b_bcount;	/* bytes to transfer */
	caddr_t b_addr;		/* buffer address */
	uint64_t b_blkno;	/* block (512-byte sector) on the device */
	uint64_t b_lblkno;	/* logical block */
	size_t b_resid;		/* bytes not transferred */
	size_t b_bufsize;	/* size of the buffer */
	caddr_t b_iodone;	/* completion routine */
	int b_error;		/* error */
	dev_t b_edev;		/* device (major << 20 | minor) */
} bufinfo_t;

typedef struct devinfo {
	int dev_major;		/* major number */
	int dev_minor;		/* minor number */
	int dev_instance;	/* instance number */
	string dev_name;	/* device name */
	string dev_statname;	/* name of the device or partition */
	string dev_pathname;	/* path of the device node */
} devinfo_t;

typedef struct fileinfo {
	string fi_name;		/* file name (basename of fi_pathname) */
	string fi_dirname;	/* directory (dirname of fi_pathname) */
	string fi_pathname;	/* full path */
	offset_t fi_offset;	/* offset within the file */
	string fi_fs;		/* file system */
	string fi_mount;	/* mount point */
	int fi_oflags;		/* open(2) flags */
} fileinfo_t;

/*
 * A request's operation is the low byte of cmd_flags: 0 read, 1 write;
 * REQ_SYNC (bit 11) marks synchronous I/O.  Sectors are 512 bytes.
 */
translator bufinfo_t < struct request *R > {
	b_flags = ((R->cmd_flags & 0xff) == 0 ? B_READ : B_WRITE) |
	    ((R->cmd_flags & 0x800) == 0 ? B_ASYNC : 0) | B_BUSY;
	b_bcount = R->__data_len;
	b_addr = 0;
	b_blkno = R->__sector;
	b_lblkno = R->__sector;
	b_resid = 0;
	b_bufsize = R->__data_len;
	b_iodone = (caddr_t)R->end_io;
	b_error = 0;
	b_edev = R->part != NULL ? R->part->bd_dev : 0;
};

translator devinfo_t < struct request *R > {
	dev_major = R->q->disk->major;
	dev_minor = R->part != NULL ? R->part->bd_dev & 0xfffff :
	    R->q->disk->first_minor;
	dev_instance = R->q->disk->first_minor;
	dev_name = stringof(R->q->disk->disk_name);
	dev_statname = stringof(R->q->disk->disk_name);
	dev_pathname = strjoin("/dev/", stringof(R->q->disk->disk_name));
};

translator fileinfo_t < struct request *R > {
	fi_name = "<none>";
	fi_dirname = "<none>";
	fi_pathname = "<none>";
	fi_offset = -1;
	fi_fs = "<none>";
	fi_mount = "<none>";
	fi_oflags = 0;
};
