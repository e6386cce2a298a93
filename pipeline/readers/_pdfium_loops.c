/* The per-object, per-character and per-segment loops of pipeline/readers/pdfium.py, in C.
 *
 * Why: through ctypes every PDFium call costs about 1 us of Python-side work (argument conversion, a
 * result object), and a page needs 4-5 calls per character, 2-3 per page object and 4 per path segment
 * (chart pages have 10,000 path objects): the calls cost more than PDFium's own work. Here one Python
 * call does a whole page's loop.
 *
 * No PDFium headers and no linking: the module is handed the addresses of the PDFium functions that
 * pypdfium2 has already loaded (`bind`), and declares their prototypes itself (fpdfview.h, fpdf_edit.h,
 * fpdf_text.h of PDFium; all stable public API). Handles are passed as Python ints, as `_by_address`
 * in pdfium.py does.
 *
 * Every function gives exactly what the ctypes loop in pdfium.py gives (same values, same order; a
 * test compares both on the PDF fixtures). Arithmetic on the values stays in Python: this module only
 * calls PDFium, except the matrix product of `_mul`, written with the same operations in the same order
 * (compiled with -ffp-contract=off, so no fused multiply-add changes a rounding).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct { float a, b, c, d, e, f; } FS_MATRIX;
typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef void *H; /* any PDFium handle */

#define OBJ_TEXT 1
#define OBJ_PATH 2
#define OBJ_IMAGE 3
#define OBJ_FORM 5

static int (*Page_CountObjects)(H);
static H (*Page_GetObject)(H, int);
static int (*PageObj_GetType)(H);
static int (*PageObj_GetMatrix)(H, FS_MATRIX *);
static int (*FormObj_CountObjects)(H);
static H (*FormObj_GetObject)(H, unsigned long);
static int (*Path_CountSegments)(H);
static H (*Path_GetPathSegment)(H, int);
static int (*PathSegment_GetPoint)(H, float *, float *);
static int (*PathSegment_GetType)(H);
static int (*PathSegment_GetClose)(H);
static int (*Text_CountChars)(H);
static int (*Text_IsGenerated)(H, int);
static H (*Text_GetTextObject)(H, int);
static int (*Text_GetCharOrigin)(H, int, double *, double *);
static int (*Text_GetLooseCharBox)(H, int, FS_RECTF *);
static int (*Text_GetMatrix)(H, int, FS_MATRIX *);
static double (*Text_GetFontSize)(H, int);
static H (*TextObj_GetFont)(H);

static int bound = 0;

/* The names `bind` expects, in this order, and where each address goes. */
static const char *NAMES[] = {
    "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix",
    "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose", "FPDFText_CountChars", "FPDFText_IsGenerated", "FPDFText_GetTextObject",
    "FPDFText_GetCharOrigin", "FPDFText_GetLooseCharBox", "FPDFText_GetMatrix", "FPDFText_GetFontSize",
    "FPDFTextObj_GetFont", NULL};

static void **SLOTS[] = {
    (void **)&Page_CountObjects, (void **)&Page_GetObject, (void **)&PageObj_GetType,
    (void **)&PageObj_GetMatrix, (void **)&FormObj_CountObjects, (void **)&FormObj_GetObject,
    (void **)&Path_CountSegments, (void **)&Path_GetPathSegment, (void **)&PathSegment_GetPoint,
    (void **)&PathSegment_GetType, (void **)&PathSegment_GetClose, (void **)&Text_CountChars,
    (void **)&Text_IsGenerated, (void **)&Text_GetTextObject, (void **)&Text_GetCharOrigin,
    (void **)&Text_GetLooseCharBox, (void **)&Text_GetMatrix, (void **)&Text_GetFontSize,
    (void **)&TextObj_GetFont};

static PyObject *names(PyObject *self, PyObject *unused) {
    PyObject *out = PyTuple_New(sizeof(SLOTS) / sizeof(SLOTS[0]));
    if (!out) return NULL;
    for (Py_ssize_t i = 0; NAMES[i]; i++) {
        PyObject *name = PyUnicode_FromString(NAMES[i]);
        if (!name) { Py_DECREF(out); return NULL; }
        PyTuple_SET_ITEM(out, i, name);
    }
    return out;
}

static PyObject *bind(PyObject *self, PyObject *addresses) {
    Py_ssize_t n = sizeof(SLOTS) / sizeof(SLOTS[0]);
    if (!PyTuple_Check(addresses) || PyTuple_GET_SIZE(addresses) != n) {
        PyErr_Format(PyExc_TypeError, "bind() takes a tuple of %zd function addresses (names())", n);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        void *address = PyLong_AsVoidPtr(PyTuple_GET_ITEM(addresses, i));
        if (!address) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "no address for %s", NAMES[i]);
            return NULL;
        }
        *SLOTS[i] = address;
    }
    bound = 1;
    Py_RETURN_NONE;
}

static int check_bound(void) {
    if (!bound) PyErr_SetString(PyExc_RuntimeError, "bind() the PDFium functions first");
    return bound;
}

static H handle(PyObject *value) {
    return PyLong_AsVoidPtr(value);
}

static PyObject *address(H h) {
    return PyLong_FromVoidPtr(h);
}

/* pdfium.py's _mul: m then n, the same operations in the same order. */
static void mul(const double *m, const double *n, double *out) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
    double a2 = n[0], b2 = n[1], c2 = n[2], d2 = n[3], e2 = n[4], f2 = n[5];
    out[0] = a * a2 + b * c2;
    out[1] = a * b2 + b * d2;
    out[2] = c * a2 + d * c2;
    out[3] = c * b2 + d * d2;
    out[4] = e * a2 + f * c2 + e2;
    out[5] = e * b2 + f * d2 + f2;
}

static PyObject *matrix_tuple(const double *m) {
    return Py_BuildValue("(dddddd)", m[0], m[1], m[2], m[3], m[4], m[5]);
}

typedef struct {
    PyObject *order;    /* dict: text object -> its place in content-stream order */
    PyObject *texts;    /* dict: text object -> its parent's matrix */
    PyObject *paths;    /* list of (path object, matrix to user space) */
    PyObject *identity; /* the top level's parent matrix, as the caller gave it */
    long images;
    int image_depth;
    FS_MATRIX matrix; /* one buffer for the whole walk, as the ctypes walk has */
    int failed;       /* 1: a count below zero, 2: a NULL object where count_images would have looked */
} Walk;

/* `walk` of pdfium._walk_objects: holder is the page (form == 0) or a form object. */
static int walk_objects(Walk *w, H holder, int form, const double *parent, PyObject *parent_obj,
                        int level) {
    int counted = level < w->image_depth;
    int count = form ? FormObj_CountObjects(holder) : Page_CountObjects(holder);
    if (count < 0 && counted) {
        w->failed = 1;
        return 0;
    }
    for (int i = 0; i < count; i++) {
        H obj = form ? FormObj_GetObject(holder, (unsigned long)i) : Page_GetObject(holder, i);
        if (!obj) {
            if (counted) {
                w->failed = 2;
                return 0;
            }
            continue;
        }
        int kind = PageObj_GetType(obj);
        if (kind == OBJ_TEXT) {
            PyObject *key = address(obj);
            if (!key) return -1;
            Py_ssize_t place = PyDict_GET_SIZE(w->order);
            PyObject *at = PyLong_FromSsize_t(place);
            if (!at || PyDict_SetItem(w->order, key, at) < 0 ||
                PyDict_SetItem(w->texts, key, parent_obj) < 0) {
                Py_XDECREF(at);
                Py_DECREF(key);
                return -1;
            }
            Py_DECREF(at);
            Py_DECREF(key);
        } else if (kind == OBJ_PATH || kind == OBJ_FORM) {
            PageObj_GetMatrix(obj, &w->matrix);
            double own[6] = {w->matrix.a, w->matrix.b, w->matrix.c, w->matrix.d, w->matrix.e,
                             w->matrix.f};
            if (parent) {
                double product[6];
                mul(own, parent, product);
                memcpy(own, product, sizeof(own));
            }
            PyObject *own_obj = matrix_tuple(own);
            if (!own_obj) return -1;
            if (kind == OBJ_PATH) {
                PyObject *entry = Py_BuildValue("(NN)", address(obj), own_obj);
                if (!entry) return -1;
                int failed = PyList_Append(w->paths, entry);
                Py_DECREF(entry);
                if (failed < 0) return -1;
            } else {
                int done = walk_objects(w, obj, 1, own, own_obj, level + 1);
                Py_DECREF(own_obj);
                if (done <= 0) return done;
            }
        } else if (kind == OBJ_IMAGE && counted) {
            w->images++;
        }
    }
    return 1;
}

PyDoc_STRVAR(walk_doc,
             "walk(page, identity, image_depth) -> (order, paths, texts, images) as "
             "pdfium._walk_objects gives them, or (failure, None, None, None): 1 when a count below zero, "
             "2 when a NULL object was met where count_images looks (levels below image_depth).");

static PyObject *walk(PyObject *self, PyObject *args) {
    PyObject *page_obj, *identity;
    int image_depth;
    if (!PyArg_ParseTuple(args, "OOi", &page_obj, &identity, &image_depth) || !check_bound()) return NULL;
    H page = handle(page_obj);
    if (PyErr_Occurred()) return NULL;
    Walk w = {PyDict_New(), PyDict_New(), PyList_New(0), identity, 0, image_depth, {0}, 0};
    PyObject *result = NULL;
    if (w.order && w.texts && w.paths) {
        int done = walk_objects(&w, page, 0, NULL, identity, 0);
        if (done > 0)
            result = Py_BuildValue("(OOOl)", w.order, w.paths, w.texts, w.images);
        else if (done == 0)
            result = Py_BuildValue("(iOOO)", w.failed, Py_None, Py_None, Py_None);
    }
    Py_XDECREF(w.order);
    Py_XDECREF(w.texts);
    Py_XDECREF(w.paths);
    return result;
}

PyDoc_STRVAR(chars_doc,
             "chars(textpage) -> list of (index, text object, origin x, origin y, loose box left, top, "
             "right, bottom, matrix a, b, c, d, font, font size) for every character PDFium did not "
             "generate and that has a text object; the matrix, font and size are asked of PDFium (and "
             "filled in) only where the text object differs from the previous character's, else 0.");

static PyObject *chars(PyObject *self, PyObject *arg) {
    if (!check_bound()) return NULL;
    H textpage = handle(arg);
    if (PyErr_Occurred()) return NULL;
    int count = Text_CountChars(textpage);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    /* buffers kept over the loop as the ctypes loop keeps its c_double/FS_RECTF/FS_MATRIX objects */
    double ox = 0, oy = 0;
    FS_RECTF box = {0, 0, 0, 0};
    FS_MATRIX m = {0, 0, 0, 0, 0, 0};
    H previous = NULL;
    for (int i = 0; i < count; i++) {
        H obj = Text_GetTextObject(textpage, i);
        if (!obj || Text_IsGenerated(textpage, i) == 1) continue;
        PyObject *entry;
        Text_GetCharOrigin(textpage, i, &ox, &oy);
        Text_GetLooseCharBox(textpage, i, &box);
        if (obj != previous) {
            Text_GetMatrix(textpage, i, &m);
            H font = TextObj_GetFont(obj);
            double size = Text_GetFontSize(textpage, i);
            entry = Py_BuildValue("(iNddddddddddNd)", i, address(obj), ox, oy, (double)box.left,
                                  (double)box.top, (double)box.right, (double)box.bottom, (double)m.a,
                                  (double)m.b, (double)m.c, (double)m.d, address(font), size);
            previous = obj;
        } else {
            entry = Py_BuildValue("(iNddddddddddid)", i, address(obj), ox, oy, (double)box.left,
                                  (double)box.top, (double)box.right, (double)box.bottom, 0.0, 0.0, 0.0,
                                  0.0, 0, 0.0);
        }
        if (!entry || PyList_Append(out, entry) < 0) {
            Py_XDECREF(entry);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(entry);
    }
    return out;
}

PyDoc_STRVAR(segments_doc,
             "segments(path) -> list of (x, y, segment type, close flag) of a path object's segments, "
             "as pdfium._Segments gives them.");

static PyObject *segments(PyObject *self, PyObject *arg) {
    if (!check_bound()) return NULL;
    H path = handle(arg);
    if (PyErr_Occurred()) return NULL;
    int count = Path_CountSegments(path);
    PyObject *out = PyList_New(count > 0 ? count : 0);
    if (!out) return NULL;
    float x = 0, y = 0;
    for (int k = 0; k < count; k++) {
        H segment = Path_GetPathSegment(path, k);
        PathSegment_GetPoint(segment, &x, &y);
        int kind = PathSegment_GetType(segment);
        int close = PathSegment_GetClose(segment) ? 1 : 0;
        PyObject *entry = Py_BuildValue("(ddii)", (double)x, (double)y, kind, close);
        if (!entry) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, k, entry);
    }
    return out;
}

static PyMethodDef METHODS[] = {
    {"names", names, METH_NOARGS, "The PDFium function names bind() takes addresses of, in order."},
    {"bind", bind, METH_O, "bind(addresses): the PDFium functions' addresses, in the order of names()."},
    {"walk", walk, METH_VARARGS, walk_doc},
    {"chars", chars, METH_O, chars_doc},
    {"segments", segments, METH_O, segments_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {
    PyModuleDef_HEAD_INIT, "_pdfium_loops",
    "The page loops of pipeline.readers.pdfium in C, calling PDFium through addresses from pypdfium2.", -1,
    METHODS,
};

PyMODINIT_FUNC PyInit__pdfium_loops(void) {
    return PyModule_Create(&MODULE);
}
