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
 * Every function gives exactly what the ctypes path of pdfium.py gives (same values, same order, same
 * dict keys; tests/test_pdfium_loops.py compares both on the PDF fixtures and real pages, as repr):
 * `walk` = _walk_objects, `page_chars` = _char_records + _styles + _place + _control_chars (a
 * character's box and char dict, the control characters PDFium leaves out put back), `sorted_chars` =
 * the sort at the end of page_chars, `path_edges` = path_edges/_shape_edges. The arithmetic is written
 * with the same operations in the same order as the Python it replaces, compiled with -ffp-contract=off
 * (no fused multiply-add changes a rounding), and `round2` is Python's round(x, 2) to the bit. Objects
 * PDFium shows no character of (`_silent_object`, rare) stay in Python.
 *
 * Besides PDFium's loops: `words` = pdf.chars_to_words (pdfplumber's word grouping), `overprint` =
 * pdf.has_overprint, `inflated_size` = the zlib count of pdf.check_inflation (links zlib), `spaced` =
 * pdfsource.spaced (the blanks both engines share).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <zlib.h>
#include <stdint.h>

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
static unsigned long (*TextObj_GetText)(H, H, unsigned short *, unsigned long);
static int (*Font_GetGlyphWidth)(H, unsigned int, float, float *);
static unsigned long (*Font_GetBaseFontName)(H, char *, unsigned long);
static int (*Font_GetDescent)(H, float, float *);

static int bound = 0;

/* The names `bind` expects, in this order, and where each address goes. */
static const char *NAMES[] = {
    "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix",
    "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment", "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose", "FPDFText_CountChars", "FPDFText_IsGenerated", "FPDFText_GetTextObject",
    "FPDFText_GetCharOrigin", "FPDFText_GetLooseCharBox", "FPDFText_GetMatrix", "FPDFText_GetFontSize",
    "FPDFTextObj_GetFont", "FPDFTextObj_GetText", "FPDFFont_GetGlyphWidth", "FPDFFont_GetBaseFontName",
    "FPDFFont_GetDescent", NULL};

static void **SLOTS[] = {
    (void **)&Page_CountObjects, (void **)&Page_GetObject, (void **)&PageObj_GetType,
    (void **)&PageObj_GetMatrix, (void **)&FormObj_CountObjects, (void **)&FormObj_GetObject,
    (void **)&Path_CountSegments, (void **)&Path_GetPathSegment, (void **)&PathSegment_GetPoint,
    (void **)&PathSegment_GetType, (void **)&PathSegment_GetClose, (void **)&Text_CountChars,
    (void **)&Text_IsGenerated, (void **)&Text_GetTextObject, (void **)&Text_GetCharOrigin,
    (void **)&Text_GetLooseCharBox, (void **)&Text_GetMatrix, (void **)&Text_GetFontSize,
    (void **)&TextObj_GetFont, (void **)&TextObj_GetText, (void **)&Font_GetGlyphWidth,
    (void **)&Font_GetBaseFontName, (void **)&Font_GetDescent};

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
    H obj;
    double m[6];
} PathEntry; /* a path object and its matrix to user space, as `walk` hands them to `path_edges` */

typedef struct {
    PyObject *order;    /* dict: text object -> its place in content-stream order */
    PyObject *texts;    /* dict: text object -> its parent's matrix */
    PathEntry *paths;   /* path objects with their matrix to user space */
    Py_ssize_t n_paths, cap_paths;
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
            if (kind == OBJ_PATH) {
                if (w->n_paths == w->cap_paths) {
                    Py_ssize_t cap = w->cap_paths ? 2 * w->cap_paths : 256;
                    PathEntry *grown = PyMem_Realloc(w->paths, cap * sizeof(PathEntry));
                    if (!grown) {
                        PyErr_NoMemory();
                        return -1;
                    }
                    w->paths = grown;
                    w->cap_paths = cap;
                }
                w->paths[w->n_paths].obj = obj;
                memcpy(w->paths[w->n_paths].m, own, sizeof(own));
                w->n_paths++;
            } else {
                PyObject *own_obj = matrix_tuple(own);
                if (!own_obj) return -1;
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
             "pdfium._walk_objects gives them, except paths: bytes for path_edges (a path object and its "
             "matrix per entry, not a tuple each); or (failure, None, None, None): 1 when a count below zero, "
             "2 when a NULL object was met where count_images looks (levels below image_depth).");

static PyObject *walk(PyObject *self, PyObject *args) {
    PyObject *page_obj, *identity;
    int image_depth;
    if (!PyArg_ParseTuple(args, "OOi", &page_obj, &identity, &image_depth) || !check_bound()) return NULL;
    H page = handle(page_obj);
    if (PyErr_Occurred()) return NULL;
    Walk w = {PyDict_New(), PyDict_New(), NULL, 0, 0, identity, 0, image_depth, {0, 0, 0, 0, 0, 0}, 0};
    PyObject *result = NULL;
    if (w.order && w.texts) {
        int done = walk_objects(&w, page, 0, NULL, identity, 0);
        if (done > 0)
            result = Py_BuildValue("(Oy#Ol)", w.order, w.paths ? (const char *)w.paths : "", /* NULL: None */
                                   (Py_ssize_t)(w.n_paths * sizeof(PathEntry)), w.texts, w.images);
        else if (done == 0)
            result = Py_BuildValue("(iOOO)", w.failed, Py_None, Py_None, Py_None);
    }
    Py_XDECREF(w.order);
    Py_XDECREF(w.texts);
    PyMem_Free(w.paths);
    return result;
}

static PyObject *builtin_round; /* Python's round, for values round2 leaves to it */
static PyObject *CHAR_TEMPLATE, *EDGE_TEMPLATE; /* the dicts' keys in order, values None */
static PyObject *K_TEXT, *K_X0, *K_X1, *K_TOP, *K_BOTTOM, *K_DOCTOP, *K_WIDTH, *K_HEIGHT, *K_SIZE,
    *K_FONTNAME, *K_UPRIGHT, *K_PAGE_NUMBER, *K_OBJECT_TYPE, *V_CHAR;

/* Python's round(x, 2), exactly: the double nearest to n / 100, n the integer nearest (ties to even) to
 * the exact value of x * 100 (CPython computes it with correctly rounded decimal conversions; fma gives
 * the exact product here). -0.0 where Python gives it. Values this does not cover go to Python. */
static int round2(double x, double *out) {
    if (!isfinite(x) || fabs(x) >= 1e9) {
        PyObject *r = PyObject_CallFunction(builtin_round, "di", x, 2);
        if (!r) return -1;
        *out = PyFloat_AsDouble(r);
        Py_DECREF(r);
        return PyErr_Occurred() ? -1 : 0;
    }
    double y = x * 100.0;
    double err = fma(x, 100.0, -y); /* x * 100 == y + err exactly */
    double f = floor(y);
    double s = ((y - f) - 0.5) + err; /* its sign is exact: see round2's test */
    double n = s > 0 ? f + 1 : s < 0 ? f : (fmod(f, 2.0) == 0 ? f : f + 1);
    double r = n / 100.0;
    *out = r == 0 ? copysign(0.0, x) : r;
    return 0;
}

static PyObject *round2_py(PyObject *self, PyObject *arg) {
    double x = PyFloat_AsDouble(arg), r;
    if (PyErr_Occurred() || round2(x, &r) < 0) return NULL;
    return PyFloat_FromDouble(r);
}

static int set_float(PyObject *dict, PyObject *key, double value) {
    PyObject *v = PyFloat_FromDouble(value);
    if (!v) return -1;
    int failed = PyDict_SetItem(dict, key, v);
    Py_DECREF(v);
    return failed;
}

/* pdfium._char: pdfplumber's char dict, box and size rounded (size from the unrounded box). */
static PyObject *char_dict(PyObject *text, double x0, double x1, double top, double bottom, PyObject *font,
                           PyObject *upright, PyObject *page_number) {
    double rx0, rx1, rtop, rbottom, size;
    if (round2(x0, &rx0) < 0 || round2(x1, &rx1) < 0 || round2(top, &rtop) < 0 ||
        round2(bottom, &rbottom) < 0 || round2(bottom - top, &size) < 0)
        return NULL;
    PyObject *d = PyDict_Copy(CHAR_TEMPLATE); /* the keys in pdfium._char's order, no resizing */
    if (!d) return NULL;
    if (PyDict_SetItem(d, K_TEXT, text) < 0 || set_float(d, K_X0, rx0) < 0 || set_float(d, K_X1, rx1) < 0 ||
        set_float(d, K_TOP, rtop) < 0 || set_float(d, K_BOTTOM, rbottom) < 0 ||
        PyDict_SetItem(d, K_DOCTOP, PyDict_GetItem(d, K_TOP)) < 0 || set_float(d, K_WIDTH, rx1 - rx0) < 0 ||
        set_float(d, K_HEIGHT, rbottom - rtop) < 0 || set_float(d, K_SIZE, size) < 0 ||
        PyDict_SetItem(d, K_FONTNAME, font) < 0 || PyDict_SetItem(d, K_UPRIGHT, upright) < 0 ||
        PyDict_SetItem(d, K_PAGE_NUMBER, page_number) < 0 || PyDict_SetItem(d, K_OBJECT_TYPE, V_CHAR) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static int as_doubles(PyObject *tuple, double *out, Py_ssize_t n) {
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != n) {
        PyErr_SetString(PyExc_TypeError, "a tuple of numbers expected");
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        out[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, k));
        if (PyErr_Occurred()) return -1;
    }
    return 0;
}

/* ---- path_edges: pdfium.path_edges and _shape_edges in C ---- */

static PyObject *K_ORIENTATION, *V_H, *V_V, *V_LINE, *V_RECT, *V_CURVE, *K_Y0;

typedef struct { double x, y; } Point;

typedef struct {
    char *shape;
    Point *pts;
    Py_ssize_t n, cap;
} Subpath;

static int subpath_push(Subpath *sp, char kind, Point p) {
    if (sp->n == sp->cap) {
        Py_ssize_t cap = sp->cap ? 2 * sp->cap : 16;
        char *shape = PyMem_Realloc(sp->shape, cap);
        if (!shape) return -1;
        sp->shape = shape;
        Point *pts = PyMem_Realloc(sp->pts, cap * sizeof(Point));
        if (!pts) return -1;
        sp->pts = pts;
        sp->cap = cap;
    }
    sp->shape[sp->n] = kind;
    sp->pts[sp->n] = p;
    sp->n++;
    return 0;
}

/* Python's min(a, b) and max(a, b) of floats: the first one unless the second is strictly less/greater */
static double pmin(double a, double b) { return b < a ? b : a; }
static double pmax(double a, double b) { return b > a ? b : a; }

typedef struct {
    double left, height, offset;
    PyObject *edges, *graphics;
} Page;

/* rect_edge: the same rounded sides are shared by the four edges (as _shape_edges rounds once) */
static int add_rounded_edge(Page *pg, double x0, double x1, double top, double bottom, PyObject *orientation) {
    PyObject *d = PyDict_Copy(EDGE_TEMPLATE); /* the keys in pdfium._edge's order */
    if (!d) return -1;
    if (set_float(d, K_X0, x0) < 0 || set_float(d, K_X1, x1) < 0 || set_float(d, K_TOP, top) < 0 ||
        set_float(d, K_BOTTOM, bottom) < 0 || set_float(d, K_WIDTH, x1 - x0) < 0 ||
        set_float(d, K_HEIGHT, bottom - top) < 0 || PyDict_SetItem(d, K_ORIENTATION, orientation) < 0 ||
        PyList_Append(pg->edges, d) < 0) {
        Py_DECREF(d);
        return -1;
    }
    Py_DECREF(d);
    return 0;
}

/* pdfium._edge of coordinates to be rounded here */
static int add_edge(Page *pg, double x0, double x1, double top, double bottom, PyObject *orientation) {
    double rx0, rx1, rtop, rbottom;
    if (round2(x0, &rx0) < 0 || round2(x1, &rx1) < 0 || round2(top, &rtop) < 0 || round2(bottom, &rbottom) < 0)
        return -1;
    return add_rounded_edge(pg, rx0, rx1, rtop, rbottom, orientation);
}

/* pdfium._shape_edges of one subpath (points in pdfminer's rotated space) */
static int shape_edges(Page *pg, Subpath *sp) {
    char *shape = sp->shape;
    Point *pts = sp->pts;
    Py_ssize_t n = sp->n;
    if (n > 3 && shape[n - 2] == 'l' && shape[n - 1] == 'h' && pts[n - 2].x == pts[0].x &&
        pts[n - 2].y == pts[0].y) {
        shape[n - 2] = 'h';
        pts[n - 2] = pts[n - 1];
        n--;
    }
    int line = (n == 3 && memcmp(shape, "mlh", 3) == 0) || (n == 2 && memcmp(shape, "ml", 2) == 0);
    int rect = 0;
    if (n == 5 && (memcmp(shape, "mlllh", 5) == 0 || memcmp(shape, "mllll", 5) == 0)) {
        double x0 = pts[0].x, y0 = pts[0].y, x1 = pts[1].x, y1 = pts[1].y, x2 = pts[2].x, y2 = pts[2].y;
        double x3 = pts[3].x, y3 = pts[3].y;
        /* a closing point is the first point itself in Python (the same tuple): equal even if NaN */
        rect = (shape[4] == 'h' || (pts[0].x == pts[4].x && pts[0].y == pts[4].y)) &&
               ((x0 == x1 && y1 == y2 && x2 == x3 && y3 == y0) || (y0 == y1 && x1 == x2 && y2 == y3 && x3 == x0));
    }
    double left = pg->left, height = pg->height, offset = pg->offset;
    if (pg->graphics != Py_None && n > 1 && shape[0] == 'm') {
        double lo_x = pts[0].x, hi_x = pts[0].x, lo_y = pts[0].y, hi_y = pts[0].y;
        for (Py_ssize_t k = 1; k < n; k++) {
            if (pts[k].x < lo_x) lo_x = pts[k].x;
            if (pts[k].x > hi_x) hi_x = pts[k].x;
            if (pts[k].y < lo_y) lo_y = pts[k].y;
            if (pts[k].y > hi_y) hi_y = pts[k].y;
        }
        double b0, b1, b2, b3;
        if (round2(lo_x + left, &b0) < 0 || round2(height - hi_y + offset, &b1) < 0 ||
            round2(hi_x + left, &b2) < 0 || round2(height - lo_y + offset, &b3) < 0)
            return -1;
        PyObject *kind = line ? V_LINE : rect ? V_RECT : V_CURVE;
        PyObject *box = Py_BuildValue("(Odddd)", kind, b0, b1, b2, b3);
        if (!box || PyList_Append(pg->graphics, box) < 0) {
            Py_XDECREF(box);
            return -1;
        }
        Py_DECREF(box);
    }
    if (line) {
        double ax = pts[0].x, ay = pts[0].y, bx = pts[1].x, by = pts[1].y;
        double at = height - ay + offset, bt = height - by + offset;
        return add_edge(pg, pmin(ax, bx) + left, pmax(ax, bx) + left, pmin(at, bt), pmax(at, bt),
                        at == bt ? V_H : V_V);
    }
    if (rect) {
        double x0 = pts[0].x, y0 = pts[0].y, x2 = pts[2].x, y2 = pts[2].y;
        double lo, hi, top, bottom;
        if (round2(pmin(x0, x2) + left, &lo) < 0 || round2(pmax(x0, x2) + left, &hi) < 0 ||
            round2(height - pmax(y0, y2) + offset, &top) < 0 || round2(height - pmin(y0, y2) + offset, &bottom) < 0)
            return -1;
        if (add_rounded_edge(pg, lo, hi, top, top, V_H) < 0 || add_rounded_edge(pg, lo, hi, bottom, bottom, V_H) < 0 ||
            add_rounded_edge(pg, lo, lo, top, bottom, V_V) < 0 || add_rounded_edge(pg, hi, hi, top, bottom, V_V) < 0)
            return -1;
        return 0;
    }
    for (Py_ssize_t k = 0; k + 1 < n; k++) {
        double ax = pts[k].x, ay = pts[k].y, bx = pts[k + 1].x, by = pts[k + 1].y;
        if (ax == bx || ay == by) {
            double at = height - ay + offset, bt = height - by + offset;
            if (add_edge(pg, pmin(ax, bx) + left, pmax(ax, bx) + left, pmin(at, bt), pmax(at, bt),
                         ax == bx ? V_V : V_H) < 0)
                return -1;
        }
    }
    return 0;
}

#define SEG_LINE 0
#define SEG_BEZIER 1
#define SEG_MOVE 2

PyDoc_STRVAR(path_edges_doc,
             "path_edges(paths, full, left, height, offset, graphics) -> edges: pdfium.path_edges in C; "
             "paths as `walk` gives them, full the page rotation matrix; graphics a list to append the "
             "shapes to, or None.");

static PyObject *path_edges(PyObject *self, PyObject *args) {
    Py_buffer paths;
    PyObject *full_obj, *graphics;
    Page pg;
    if (!PyArg_ParseTuple(args, "y*OdddO", &paths, &full_obj, &pg.left, &pg.height, &pg.offset, &graphics))
        return NULL;
    const PathEntry *entries = paths.buf;
    Py_ssize_t n_entries = paths.len / (Py_ssize_t)sizeof(PathEntry);
    if (!check_bound()) {
        PyBuffer_Release(&paths);
        return NULL;
    }
    double full[6];
    if ((graphics != Py_None && !PyList_Check(graphics)) || as_doubles(full_obj, full, 6) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "graphics: a list or None");
        PyBuffer_Release(&paths);
        return NULL;
    }
    pg.graphics = graphics;
    pg.edges = PyList_New(0);
    if (!pg.edges) {
        PyBuffer_Release(&paths);
        return NULL;
    }
    Subpath sp = {NULL, NULL, 0, 0};
    for (Py_ssize_t k = 0; k < n_entries; k++) {
        H path = entries[k].obj;
        double m[6];
        mul(entries[k].m, full, m);
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
        int count = Path_CountSegments(path);
        int bezier = 0;
        float px = 0, py = 0;
        sp.n = 0;
        for (int q = 0; q < count; q++) {
            H segment = Path_GetPathSegment(path, q);
            PathSegment_GetPoint(segment, &px, &py);
            int kind = PathSegment_GetType(segment);
            int close = PathSegment_GetClose(segment);
            double x = px, y = py;
            Point point = {a * x + c * y + e, b * x + d * y + f};
            if (kind == SEG_MOVE) {
                if (sp.n && shape_edges(&pg, &sp) < 0) goto fail;
                sp.n = 0;
                bezier = 0;
                if (subpath_push(&sp, 'm', point) < 0) goto nomemory;
                continue;
            }
            char step = 'l';
            if (kind == SEG_BEZIER) {
                bezier++;
                if (bezier % 3) continue;
                step = 'c';
            }
            if (subpath_push(&sp, step, point) < 0) goto nomemory;
            if (close && subpath_push(&sp, 'h', sp.pts[0]) < 0) goto nomemory;
        }
        if (sp.n && shape_edges(&pg, &sp) < 0) goto fail;
    }
    PyMem_Free(sp.shape);
    PyMem_Free(sp.pts);
    PyBuffer_Release(&paths);
    return pg.edges;
nomemory:
    PyErr_NoMemory();
fail:
    PyMem_Free(sp.shape);
    PyMem_Free(sp.pts);
    PyBuffer_Release(&paths);
    Py_DECREF(pg.edges);
    return NULL;
}

PyDoc_STRVAR(control_texts_doc,
             "control_texts(textpage, objects) -> [(object, UTF-16-LE bytes)]: the text (FPDFTextObj_GetText) "
             "of each text object in `objects` (dict order) that holds a control character other than CR "
             "and LF; pdfium._control_texts through ctypes.");

static PyObject *control_texts(PyObject *self, PyObject *args) {
    PyObject *textpage_obj, *objects;
    if (!PyArg_ParseTuple(args, "OO!", &textpage_obj, &PyDict_Type, &objects) || !check_bound()) return NULL;
    H textpage = handle(textpage_obj);
    if (PyErr_Occurred()) return NULL;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    unsigned short fixed[2048];
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(objects, &pos, &key, &value)) {
        H obj = handle(value);
        if (PyErr_Occurred()) goto fail;
        unsigned short *buffer = fixed;
        unsigned long size = TextObj_GetText(obj, textpage, buffer, sizeof(fixed));
        if (size > sizeof(fixed)) {
            buffer = PyMem_Malloc(size);
            if (!buffer) {
                PyErr_NoMemory();
                goto fail;
            }
            size = TextObj_GetText(obj, textpage, buffer, size);
        }
        unsigned long bytes = size > 2 ? size - 2 : 0; /* without the terminating NUL */
        int control = 0;
        for (unsigned long k = 0; k < bytes / 2; k++) {
            unsigned short unit = buffer[k];
            if (unit < 0x20 && unit != '\r' && unit != '\n') {
                control = 1;
                break;
            }
        }
        PyObject *entry = control ? Py_BuildValue("(Oy#)", key, (const char *)buffer, (Py_ssize_t)bytes) : NULL;
        if (buffer != fixed) PyMem_Free(buffer);
        if (control && (!entry || PyList_Append(out, entry) < 0)) {
            Py_XDECREF(entry);
            goto fail;
        }
        Py_XDECREF(entry);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

PyDoc_STRVAR(inflated_size_doc,
             "inflated_size(data, start, length, limit) -> (size, tail) or None: what "
             "len(zlib.decompressobj().decompress(data[start:start + length], limit)) gives and whether that "
             "leaves an unconsumed tail; None where zlib raises zlib.error. The output goes to one reused "
             "buffer and is only counted (pdf.check_inflation inflates every stream of a file once).");

static PyObject *inflated_size(PyObject *self, PyObject *args) {
    Py_buffer data;
    Py_ssize_t start, length, limit;
    if (!PyArg_ParseTuple(args, "y*nnn", &data, &start, &length, &limit)) return NULL;
    if (start < 0 || start > data.len) start = data.len;
    if (length < 0 || length > data.len - start) length = data.len - start;
    enum { ROOM = 1 << 16 };
    unsigned char *out = PyMem_RawMalloc(ROOM); /* one per call: the GIL is released while inflating */
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    if (!out || inflateInit(&zs) != Z_OK) {
        PyMem_RawFree(out);
        PyBuffer_Release(&data);
        return PyErr_NoMemory();
    }
    zs.next_in = (unsigned char *)data.buf + start;
    zs.avail_in = (uInt)length; /* at most 16 MB here; zlib's counts are 32-bit */
    Py_ssize_t produced = 0;
    int err = Z_OK, failed = 0;
    Py_BEGIN_ALLOW_THREADS
    /* as CPython's Decompress.decompress(data, max_length): inflate with Z_SYNC_FLUSH while the output
     * fills, until the limit, the stream's end, or the input runs out; any other answer is zlib.error */
    while (produced < limit) {
        Py_ssize_t room = limit - produced;
        uInt given = room < ROOM ? (uInt)room : (uInt)ROOM;
        zs.next_out = out;
        zs.avail_out = given;
        err = inflate(&zs, Z_SYNC_FLUSH);
        produced += given - zs.avail_out;
        if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
            failed = 1;
            break;
        }
        if (err == Z_STREAM_END || zs.avail_out != 0) break;
    }
    Py_END_ALLOW_THREADS
    int tail = !failed && err != Z_STREAM_END && zs.avail_in > 0;
    inflateEnd(&zs);
    PyMem_RawFree(out);
    PyBuffer_Release(&data);
    if (failed) Py_RETURN_NONE;
    return Py_BuildValue("(nO)", produced, tail ? Py_True : Py_False);
}

/* ---- words: pdf.chars_to_words (pdfplumber's WordExtractor) in C ---- */

typedef struct {
    PyObject *text, *x0, *top, *x1, *bottom, *size; /* borrowed from the char dict */
    double vx0, vtop, vx1, vbottom, vsize;
    double across, along, then;
    Py_ssize_t cluster, pos;
} WChar;

/* A number of a char dict as a double: 1, or 0 when it is missing, not a float or an int that a double
 * holds exactly, or not finite (the caller then leaves the page to the Python loop). */
static int wnum(PyObject *dict, PyObject *key, PyObject **obj, double *out) {
    PyObject *v = PyDict_GetItemWithError(dict, key);
    if (!v) return 0;
    if (PyFloat_CheckExact(v)) {
        *out = PyFloat_AS_DOUBLE(v);
    } else if (PyLong_CheckExact(v)) {
        *out = PyLong_AsDouble(v);
        if (PyErr_Occurred() || fabs(*out) >= 9007199254740992.0) return 0;
    } else {
        return 0;
    }
    *obj = v;
    return isfinite(*out);
}

static int wchar_cmp(const void *pa, const void *pb) {
    const WChar *a = pa, *b = pb;
    if (a->cluster != b->cluster) return a->cluster < b->cluster ? -1 : 1;
    if (a->along != b->along) return a->along < b->along ? -1 : 1;
    if (a->then != b->then) return a->then < b->then ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int double_cmp(const void *pa, const void *pb) {
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

static int is_space_text(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n == 0) return 0;
    for (Py_ssize_t k = 0; k < n; k++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, k))) return 0;
    return 1;
}

/* pdf._merged: (text with ligatures expanded, min x0, min top, max x1, max bottom, first size), each
 * extreme the first of its value as Python's min/max give it. */
static int add_word(PyObject *words, WChar *w, Py_ssize_t n, PyObject *ligatures) {
    PyObject *parts = PyList_New(n);
    if (!parts) return -1;
    Py_ssize_t ix0 = 0, itop = 0, ix1 = 0, ibottom = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *part = PyDict_GetItemWithError(ligatures, w[k].text);
        if (!part && PyErr_Occurred()) {
            Py_DECREF(parts);
            return -1;
        }
        part = part ? part : w[k].text;
        Py_INCREF(part);
        PyList_SET_ITEM(parts, k, part);
        if (w[k].vx0 < w[ix0].vx0) ix0 = k;
        if (w[k].vtop < w[itop].vtop) itop = k;
        if (w[k].vx1 > w[ix1].vx1) ix1 = k;
        if (w[k].vbottom > w[ibottom].vbottom) ibottom = k;
    }
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    PyObject *text = empty ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    if (!text) return -1;
    PyObject *word = PyTuple_Pack(6, text, w[ix0].x0, w[itop].top, w[ix1].x1, w[ibottom].bottom, w[0].size);
    Py_DECREF(text);
    if (!word) return -1;
    int failed = PyList_Append(words, word);
    Py_DECREF(word);
    return failed;
}

static int begins_word(const WChar *prev, const WChar *c, int upright, double tolerance, double line) {
    if (upright)
        return c->vx0 < prev->vx0 || c->vx0 > prev->vx1 + tolerance || fabs(c->vtop - prev->vtop) > line;
    return c->vtop < prev->vtop || c->vtop > prev->vbottom + line || fabs(c->vx0 - prev->vx0) > tolerance;
}

/* The words of one run of characters of the same uprightness and size (w[0..n)). */
static int run_words(PyObject *words, WChar *w, Py_ssize_t n, int upright, double ratio, double line,
                     PyObject *ligatures) {
    double *values = PyMem_Malloc((n ? n : 1) * sizeof(double));
    WChar *word = PyMem_Malloc((n ? n : 1) * sizeof(WChar));
    if (!values || !word) {
        PyMem_Free(values);
        PyMem_Free(word);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        w[k].across = upright ? w[k].vtop : w[k].vx0;
        w[k].along = upright ? w[k].vx0 : w[k].vtop;
        w[k].then = upright ? w[k].vx0 : w[k].vbottom;
        w[k].pos = k;
        values[k] = w[k].across;
    }
    /* pdfplumber's cluster_objects: distinct positions, sorted, chained within the tolerance */
    qsort(values, n, sizeof(double), double_cmp);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t k = 0; k < n; k++)
        if (distinct == 0 || values[k] != values[distinct - 1]) values[distinct++] = values[k];
    Py_ssize_t *cluster_of = PyMem_Malloc((distinct ? distinct : 1) * sizeof(Py_ssize_t));
    if (!cluster_of) {
        PyMem_Free(values);
        PyMem_Free(word);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t count = -1;
    for (Py_ssize_t k = 0; k < distinct; k++) {
        if (k == 0 || !(values[k] <= values[k - 1] + line)) count++;
        cluster_of[k] = count;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        double *found = bsearch(&w[k].across, values, distinct, sizeof(double), double_cmp);
        w[k].cluster = cluster_of[found - values];
    }
    PyMem_Free(cluster_of);
    PyMem_Free(values);
    /* lines in cluster order, each sorted along the text (stably: the run's order breaks ties) */
    qsort(w, n, sizeof(WChar), wchar_cmp);
    Py_ssize_t length = 0;
    int failed = 0;
    for (Py_ssize_t k = 0; k < n && !failed; k++) {
        if (k > 0 && w[k].cluster != w[k - 1].cluster) { /* a new line */
            if (length) failed = add_word(words, word, length, ligatures);
            length = 0;
            if (failed) break;
        }
        WChar *c = &w[k];
        if (is_space_text(c->text)) {
            if (length) failed = add_word(words, word, length, ligatures);
            length = 0;
        } else if (PyUnicode_GET_LENGTH(c->text) == 0) {
            if (length) failed = add_word(words, word, length, ligatures);
            if (!failed) failed = add_word(words, c, 1, ligatures);
            length = 0;
        } else if (length && begins_word(&word[length - 1], c, upright, ratio * word[length - 1].vsize, line)) {
            failed = add_word(words, word, length, ligatures);
            word[0] = *c;
            length = 1;
        } else {
            word[length++] = *c;
        }
    }
    if (!failed && length) failed = add_word(words, word, length, ligatures);
    PyMem_Free(word);
    return failed ? -1 : 0;
}

PyDoc_STRVAR(words_doc,
             "words(chars, x_tolerance_ratio, line_tolerance, ligatures) -> [(text, x0, top, x1, bottom, size)] "
             "as pdf.chars_to_words gives them, or None when some character is not a dict of finite numbers "
             "and a str text (the Python loop then decides).");

static PyObject *words(PyObject *self, PyObject *args) {
    PyObject *chars, *ligatures;
    double ratio, line;
    if (!PyArg_ParseTuple(args, "O!ddO!", &PyList_Type, &chars, &ratio, &line, &PyDict_Type, &ligatures))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(chars);
    WChar *all = PyMem_Malloc((n ? n : 1) * sizeof(WChar));
    PyObject **uprights = PyMem_Malloc((n ? n : 1) * sizeof(PyObject *));
    PyObject *out = PyList_New(0);
    if (!all || !uprights || !out) {
        PyMem_Free(all);
        PyMem_Free(uprights);
        Py_XDECREF(out);
        return PyErr_NoMemory();
    }
    int fallback = 0;
    for (Py_ssize_t k = 0; k < n && !fallback; k++) {
        PyObject *c = PyList_GET_ITEM(chars, k);
        WChar *w = &all[k];
        if (!PyDict_Check(c)) {
            fallback = 1;
            break;
        }
        w->text = PyDict_GetItemWithError(c, K_TEXT);
        uprights[k] = PyDict_GetItemWithError(c, K_UPRIGHT);
        if (!w->text || !PyUnicode_Check(w->text) || !uprights[k] || !wnum(c, K_X0, &w->x0, &w->vx0) ||
            !wnum(c, K_X1, &w->x1, &w->vx1) || !wnum(c, K_TOP, &w->top, &w->vtop) ||
            !wnum(c, K_BOTTOM, &w->bottom, &w->vbottom) || !wnum(c, K_SIZE, &w->size, &w->vsize))
            fallback = 1;
    }
    if (fallback) {
        PyErr_Clear();
        PyMem_Free(all);
        PyMem_Free(uprights);
        Py_DECREF(out);
        Py_RETURN_NONE;
    }
    /* itertools.groupby on (upright, size): runs of equal neighbours */
    Py_ssize_t start = 0;
    while (start < n) {
        Py_ssize_t end = start + 1;
        while (end < n) {
            int same = PyObject_RichCompareBool(uprights[end], uprights[start], Py_EQ);
            if (same > 0) same = PyObject_RichCompareBool(all[end].size, all[start].size, Py_EQ);
            if (same < 0) goto fail;
            if (!same) break;
            end++;
        }
        int upright = PyObject_IsTrue(uprights[start]);
        if (upright < 0 || run_words(out, all + start, end - start, upright, ratio, line, ligatures) < 0)
            goto fail;
        start = end;
    }
    PyMem_Free(all);
    PyMem_Free(uprights);
    return out;
fail:
    PyMem_Free(all);
    PyMem_Free(uprights);
    Py_DECREF(out);
    return NULL;
}

/* round(v) of a char's coordinate as a set key: a float key for a finite float (equal, and hashed
 * alike, to the int Python's round gives), else Python's round itself (its answer or its error). */
static PyObject *rounded_key(PyObject *v) {
    if (PyFloat_CheckExact(v) && isfinite(PyFloat_AS_DOUBLE(v))) return PyFloat_FromDouble(rint(PyFloat_AS_DOUBLE(v)));
    return PyObject_CallFunctionObjArgs(builtin_round, v, NULL);
}

PyDoc_STRVAR(overprint_doc,
             "overprint(chars) -> bool: pdf.has_overprint (some (text, round(x0), round(top)) twice).");

static int overprint_table(PyObject *chars);

static PyObject *overprint(PyObject *self, PyObject *chars) {
    if (!PyList_Check(chars)) {
        PyErr_SetString(PyExc_TypeError, "a list of char dicts expected");
        return NULL;
    }
    int fast = overprint_table(chars);
    if (fast == -1) return NULL;
    if (fast >= 0) return PyBool_FromLong(fast);
    PyObject *seen = PySet_New(NULL); /* characters of other shapes: a set of tuples, as the Python */
    if (!seen) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(chars); k++) {
        PyObject *c = PyList_GET_ITEM(chars, k), *v[3];
        PyObject *keys[3] = {K_TEXT, K_X0, K_TOP};
        for (int q = 0; q < 3; q++) {
            v[q] = PyObject_GetItem(c, keys[q]);
            if (!v[q]) {
                for (int r = 0; r < q; r++) Py_DECREF(v[r]);
                Py_DECREF(seen);
                return NULL;
            }
        }
        PyObject *x = rounded_key(v[1]), *y = x ? rounded_key(v[2]) : NULL;
        PyObject *key = y ? PyTuple_Pack(3, v[0], x, y) : NULL;
        Py_DECREF(v[0]);
        Py_DECREF(v[1]);
        Py_DECREF(v[2]);
        Py_XDECREF(x);
        Py_XDECREF(y);
        if (!key) {
            Py_DECREF(seen);
            return NULL;
        }
        int found = PySet_Contains(seen, key);
        if (found == 0) found = PySet_Add(seen, key) < 0 ? -1 : 0;
        Py_DECREF(key);
        if (found != 0) {
            Py_DECREF(seen);
            if (found < 0) return NULL;
            Py_RETURN_TRUE;
        }
    }
    Py_DECREF(seen);
    Py_RETURN_FALSE;
}

/* ---- page_chars: pdfium._char_records, _styles, _place and _control_chars in one pass ---- */

typedef struct {
    double m[4], low, fontsize, scale;
    int type3;
    PyObject *font, *name, *upright; /* owned */
} CStyle;

/* pdfium._Fonts.get: (name, descent per unit of size, type 3) of a font handle, cached in `fonts` (the
 * dict the Python side's _Fonts keeps, so that silent objects find the same entries). */
static PyObject *font_info(PyObject *fonts, PyObject *font_key) {
    PyObject *found = PyDict_GetItemWithError(fonts, font_key);
    if (found || PyErr_Occurred()) {
        Py_XINCREF(found);
        return found;
    }
    H font = handle(font_key);
    if (PyErr_Occurred()) return NULL;
    char buffer[256] = {0};
    unsigned long size = Font_GetBaseFontName(font, buffer, sizeof(buffer));
    /* ctypes' buffer.raw[: max(size - 1, 0)]: at most the buffer's length */
    Py_ssize_t length = size ? (Py_ssize_t)size - 1 : 0;
    if (length > (Py_ssize_t)sizeof(buffer)) length = sizeof(buffer);
    PyObject *name = PyUnicode_DecodeLatin1(buffer, length, NULL);
    if (!name) return NULL;
    float out = 0;
    double descent = Font_GetDescent(font, 1000.0f, &out) ? (double)out / 1000 : 0.0;
    int type3 = PyUnicode_GET_LENGTH(name) == 0;
    if (type3) {
        Py_DECREF(name);
        name = PyUnicode_FromString("unknown");
        if (!name) return NULL;
    }
    found = Py_BuildValue("(NdO)", name, descent, type3 ? Py_True : Py_False);
    if (!found || PyDict_SetItem(fonts, font_key, found) < 0) {
        Py_XDECREF(found);
        return NULL;
    }
    return found;
}

typedef struct {
    H obj;
    CStyle style;
} StyleEntry;

static void free_styles(StyleEntry *styles, Py_ssize_t n) {
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_XDECREF(styles[k].style.font);
        Py_XDECREF(styles[k].style.name);
        Py_XDECREF(styles[k].style.upright);
    }
    PyMem_Free(styles);
}

/* pdfium._between: control character `ch` placed between visible characters j-1 and j of its object
 * (entries of `keyed`: (key, index, dict)); a new (key, index, dict) entry. */
static PyObject *between(PyObject *key, PyObject *visible, Py_ssize_t j, PyObject *ch) {
    Py_ssize_t n = PyList_GET_SIZE(visible);
    PyObject *before = j > 0 ? PyTuple_GET_ITEM(PyList_GET_ITEM(visible, j - 1), 2) : NULL;
    PyObject *after = j < n ? PyTuple_GET_ITEM(PyList_GET_ITEM(visible, j), 2) : NULL;
    PyObject *near = before ? before : after;
    PyObject *x0 = PyDict_GetItemWithError(before ? before : near, before ? K_X1 : K_X0);
    if (!x0) goto missing;
    if (after) {
        PyObject *ax0 = PyDict_GetItemWithError(after, K_X0);
        if (!ax0) goto missing;
        PyObject *low = PyFloat_AS_DOUBLE(ax0) < PyFloat_AS_DOUBLE(x0) ? ax0 : x0; /* min(x0, after x0) */
        PyObject *floor_obj = before ? PyDict_GetItemWithError(before, K_X0) : x0;
        if (!floor_obj) goto missing;
        x0 = PyFloat_AS_DOUBLE(floor_obj) > PyFloat_AS_DOUBLE(low) ? floor_obj : low; /* max(...) */
    }
    PyObject *x1 = x0;
    if (after) {
        PyObject *ax0 = PyDict_GetItemWithError(after, K_X0);
        x1 = PyFloat_AS_DOUBLE(ax0) > PyFloat_AS_DOUBLE(x0) ? ax0 : x0;
    }
    PyObject *index_obj = j > 0 ? PyTuple_GET_ITEM(PyList_GET_ITEM(visible, j - 1), 1)
                                : PyTuple_GET_ITEM(PyList_GET_ITEM(visible, 0), 1);
    double index = PyLong_AsDouble(index_obj) + (j > 0 ? 0.5 : -0.5);
    if (PyErr_Occurred()) return NULL;
    PyObject *dict = PyDict_Copy(near);
    if (!dict) return NULL;
    Py_INCREF(x0);
    Py_INCREF(x1);
    int failed = PyDict_SetItem(dict, K_TEXT, ch) < 0 || PyDict_SetItem(dict, K_X0, x0) < 0 ||
                 PyDict_SetItem(dict, K_X1, x1) < 0 ||
                 set_float(dict, K_WIDTH, PyFloat_AS_DOUBLE(x1) - PyFloat_AS_DOUBLE(x0)) < 0;
    Py_DECREF(x0);
    Py_DECREF(x1);
    if (failed) {
        Py_DECREF(dict);
        return NULL;
    }
    return Py_BuildValue("(OdN)", key, index, dict);
missing:
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "x0");
    return NULL;
}

#define HYPHEN_MARK 0x02 /* the Unicode PDFium gives a hyphen it marks at a line end (pdfium.HYPHEN_MARK) */

/* pdfium._control_chars on the C side: control characters of the text objects that hold some, put
 * back between their neighbours; appended to `keyed`. */
static int add_control_chars(H textpage, PyObject *keyed, PyObject *objects) {
    PyObject *found = NULL, *by_object = NULL;
    PyObject *args = Py_BuildValue("(NO)", address(textpage), objects);
    if (!args) return -1;
    found = control_texts(NULL, args);
    Py_DECREF(args);
    if (!found) return -1;
    int result = -1;
    Py_ssize_t n_found = PyList_GET_SIZE(found);
    if (n_found == 0) {
        Py_DECREF(found);
        return 0;
    }
    by_object = PyDict_New();
    if (!by_object) goto done;
    for (Py_ssize_t k = 0; k < n_found; k++) {
        PyObject *list = PyList_New(0);
        if (!list || PyDict_SetItem(by_object, PyTuple_GET_ITEM(PyList_GET_ITEM(found, k), 0), list) < 0) {
            Py_XDECREF(list);
            goto done;
        }
        Py_DECREF(list);
    }
    Py_ssize_t n_keyed = PyList_GET_SIZE(keyed);
    for (Py_ssize_t k = 0; k < n_keyed; k++) {
        PyObject *entry = PyList_GET_ITEM(keyed, k);
        PyObject *list = PyDict_GetItemWithError(by_object, PyTuple_GET_ITEM(entry, 0));
        if (!list && PyErr_Occurred()) goto done;
        if (list && PyList_Append(list, entry) < 0) goto done;
    }
    for (Py_ssize_t k = 0; k < n_found; k++) {
        PyObject *pair = PyList_GET_ITEM(found, k), *key = PyTuple_GET_ITEM(pair, 0);
        PyObject *data = PyTuple_GET_ITEM(pair, 1);
        int order = -1; /* little endian, as .decode("utf-16-le", errors="replace") */
        PyObject *full = PyUnicode_DecodeUTF16(PyBytes_AS_STRING(data), PyBytes_GET_SIZE(data), "replace", &order);
        if (!full) goto done;
        PyObject *visible = PyDict_GetItem(by_object, key);
        Py_ssize_t n_visible = PyList_GET_SIZE(visible), j = 0;
        for (Py_ssize_t q = 0; q < PyUnicode_GET_LENGTH(full); q++) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(full, q);
            PyObject *ch_obj = PyUnicode_FromOrdinal(ch);
            if (!ch_obj) {
                Py_DECREF(full);
                goto done;
            }
            int same = 0;
            if (j < n_visible) {
                PyObject *seen = PyDict_GetItemWithError(PyTuple_GET_ITEM(PyList_GET_ITEM(visible, j), 2), K_TEXT);
                same = seen ? PyObject_RichCompareBool(seen, ch_obj, Py_EQ) : -1;
            }
            if (same < 0) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "text");
                Py_DECREF(ch_obj);
                Py_DECREF(full);
                goto done;
            }
            if (!same && ch == HYPHEN_MARK && j < n_visible) { /* PDFium's line-end hyphen, printed `-` */
                PyObject *seen = PyDict_GetItemWithError(PyTuple_GET_ITEM(PyList_GET_ITEM(visible, j), 2), K_TEXT);
                same = seen && PyUnicode_Check(seen) && PyUnicode_GET_LENGTH(seen) == 1 &&
                       PyUnicode_READ_CHAR(seen, 0) == '-';
            }
            if (same) {
                j++;
            } else if (ch < 0x20 && ch != '\r' && ch != '\n') {
                PyObject *entry = between(key, visible, j, ch_obj);
                if (!entry || PyList_Append(keyed, entry) < 0) {
                    Py_XDECREF(entry);
                    Py_DECREF(ch_obj);
                    Py_DECREF(full);
                    goto done;
                }
                Py_DECREF(entry);
            } else if (j < n_visible) {
                j++;
            }
            Py_DECREF(ch_obj);
        }
        Py_DECREF(full);
    }
    result = 0;
done:
    Py_XDECREF(by_object);
    Py_DECREF(found);
    return result;
}

PyDoc_STRVAR(page_chars_doc,
             "page_chars(textpage, text, rotation, left, height, offset, page_number, fonts, hypot) -> "
             "(keyed, objects): what pdfium._char_records, _styles, _place and _control_chars give together "
             "(keyed: (text object, index, char dict), the placed characters then the control characters put "
             "back; objects: the text objects that show a character), without a record per character. "
             "`fonts` is the _Fonts cache (filled here), `hypot` math.hypot (the baseline scale as Python "
             "computes it).");

static PyObject *page_chars_c(PyObject *self, PyObject *args) {
    PyObject *textpage_obj, *text, *rotation, *page_number, *fonts, *hypot;
    double left, height, offset;
    if (!PyArg_ParseTuple(args, "OUOdddOO!O", &textpage_obj, &text, &rotation, &left, &height, &offset,
                          &page_number, &PyDict_Type, &fonts, &hypot) ||
        !check_bound())
        return NULL;
    H textpage = handle(textpage_obj);
    if (PyErr_Occurred()) return NULL;
    double rot[6];
    if (as_doubles(rotation, rot, 6) < 0) return NULL;
    double ra = rot[0], rb = rot[1], rc = rot[2], rd = rot[3], re = rot[4], rf = rot[5];
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int count = Text_CountChars(textpage);
    PyObject *keyed = PyList_New(0), *objects = PyDict_New(), *style_of = PyDict_New();
    StyleEntry *styles = NULL;
    Py_ssize_t n_styles = 0, cap_styles = 0;
    if (!keyed || !objects || !style_of) goto fail;
    double ox = 0, oy = 0;
    FS_RECTF box = {0, 0, 0, 0};
    FS_MATRIX mat = {0, 0, 0, 0, 0, 0};
    H previous = NULL;
    CStyle *style = NULL;
    for (int i = 0; i < count; i++) {
        H obj = Text_GetTextObject(textpage, i);
        if (!obj || Text_IsGenerated(textpage, i) == 1) continue;
        Text_GetCharOrigin(textpage, i, &ox, &oy);
        Text_GetLooseCharBox(textpage, i, &box);
        if (obj != previous) {
            /* _styles: an object's style comes from the first run of its characters */
            previous = obj;
            style = NULL;
            PyObject *obj_key = address(obj);
            if (!obj_key) goto fail;
            PyObject *at = PyDict_GetItemWithError(style_of, obj_key);
            if (at) style = &styles[PyLong_AsSsize_t(at)].style;
            PyObject *place = (!at && !PyErr_Occurred()) ? PyLong_FromSsize_t(n_styles) : NULL;
            int failed = PyErr_Occurred() || (place && PyDict_SetItem(style_of, obj_key, place) < 0);
            Py_XDECREF(place);
            Py_DECREF(obj_key);
            if (failed) goto fail;
            if (!style) {
                Text_GetMatrix(textpage, i, &mat);
                H font = TextObj_GetFont(obj);
                double size = Text_GetFontSize(textpage, i);
                if (n_styles == cap_styles) {
                    Py_ssize_t cap = cap_styles ? 2 * cap_styles : 64;
                    StyleEntry *grown = PyMem_Realloc(styles, cap * sizeof(StyleEntry));
                    if (!grown) {
                        PyErr_NoMemory();
                        goto fail;
                    }
                    styles = grown;
                    cap_styles = cap;
                }
                StyleEntry *entry = &styles[n_styles];
                memset(entry, 0, sizeof(*entry));
                entry->obj = obj;
                n_styles++;
                CStyle *st = &entry->style;
                st->font = address(font);
                if (!st->font) goto fail;
                PyObject *info = font_info(fonts, st->font);
                if (!info) goto fail;
                st->name = PyTuple_GET_ITEM(info, 0);
                Py_INCREF(st->name);
                double descent = PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(info, 1));
                st->type3 = PyTuple_GET_ITEM(info, 2) == Py_True;
                Py_DECREF(info);
                double a = mat.a, b = mat.b, c = mat.c, d = mat.d;
                st->m[0] = a;
                st->m[1] = b;
                st->m[2] = c;
                st->m[3] = d;
                double r0 = a * ra + b * rc, r1 = a * rb + b * rd, r2 = c * ra + d * rc, r3 = c * rb + d * rd;
                st->upright = (r0 * r3 > 0 && r1 * r2 <= 0) ? Py_True : Py_False;
                Py_INCREF(st->upright);
                PyObject *h = PyObject_CallFunction(hypot, "dd", a, b);
                if (!h) goto fail;
                st->scale = PyFloat_AsDouble(h);
                Py_DECREF(h);
                if (PyErr_Occurred()) goto fail;
                if (st->scale == 0) st->scale = 1.0;
                st->low = descent * size;
                st->fontsize = size;
                style = st;
            }
        }
        if (i >= length) {
            PyErr_SetString(PyExc_IndexError, "string index out of range");
            goto fail;
        }
        Py_UCS4 ch = PyUnicode_READ_CHAR(text, i);
        if (ch >= 0xD800 && ch <= 0xDFFF) continue;
        if (ch == 0xFFFE) ch = '-'; /* PDFium's mark of a hyphen at a line end */
        PyObject *key = address(obj);
        if (!key) goto fail;
        int known = PyDict_Contains(objects, key);
        if (known < 0 || (!known && PyDict_SetItem(objects, key, key) < 0)) {
            Py_DECREF(key);
            goto fail;
        }
        double a = style->m[0], b = style->m[1], c = style->m[2], d = style->m[3];
        double low = style->low, fontsize = style->fontsize, e = ox, f = oy;
        double advance = (fabs(a) >= fabs(b) ? (double)box.right - (double)box.left
                                             : (double)box.top - (double)box.bottom) / style->scale;
        int turned = (b != 0 && a != 0) || (c != 0 && d != 0);
        if (style->type3 || turned) { /* pdfium._place: the loose box is not the advance */
            float width = 0;
            if (Font_GetGlyphWidth(handle(style->font), (unsigned int)ch, (float)fontsize, &width) && width != 0)
                advance = width;
        }
        double high = low + fontsize;
        double ux = c * low + e, uy = d * low + f;
        double px = ra * ux + rc * uy + re, py = rb * ux + rd * uy + rf;
        double x0 = left != 0 ? px + left : px, t0 = height - py + offset;
        ux = a * advance + c * high + e;
        uy = b * advance + d * high + f;
        px = ra * ux + rc * uy + re;
        py = rb * ux + rd * uy + rf;
        double x1 = left != 0 ? px + left : px, t1 = height - py + offset;
        if (x1 < x0) {
            double swap = x0;
            x0 = x1;
            x1 = swap;
        }
        if (t1 < t0) {
            double swap = t0;
            t0 = t1;
            t1 = swap;
        }
        if (turned) { /* pdfium._place: all four corners, as pdfminer's apply_matrix_rect */
            double corners[2][2] = {{advance, low}, {0.0, high}};
            for (int k = 0; k < 2; k++) {
                ux = a * corners[k][0] + c * corners[k][1] + e;
                uy = b * corners[k][0] + d * corners[k][1] + f;
                px = ra * ux + rc * uy + re;
                py = rb * ux + rd * uy + rf;
                double xc = left != 0 ? px + left : px, tc = height - py + offset;
                if (xc < x0) x0 = xc;
                if (xc > x1) x1 = xc;
                if (tc < t0) t0 = tc;
                if (tc > t1) t1 = tc;
            }
        }
        PyObject *char_obj = PyUnicode_FromOrdinal(ch);
        PyObject *dict = char_obj ? char_dict(char_obj, x0, x1, t0, t1, style->name, style->upright, page_number)
                                  : NULL;
        Py_XDECREF(char_obj);
        PyObject *entry = dict ? Py_BuildValue("(NiN)", key, i, dict) : NULL;
        if (!dict) Py_DECREF(key);
        if (!entry || PyList_Append(keyed, entry) < 0) {
            Py_XDECREF(entry);
            goto fail;
        }
        Py_DECREF(entry);
    }
    free_styles(styles, n_styles);
    styles = NULL;
    n_styles = 0;
    Py_CLEAR(style_of);
    if (add_control_chars(textpage, keyed, objects) < 0) goto fail;
    return Py_BuildValue("(NN)", keyed, objects);
fail:
    free_styles(styles, n_styles);
    Py_XDECREF(style_of);
    Py_XDECREF(keyed);
    Py_XDECREF(objects);
    return NULL;
}

PyDoc_STRVAR(sorted_chars_doc,
             "sorted_chars(keyed, order) -> [char dict]: the dicts of `keyed` ((text object, index, dict)) "
             "sorted by (order of the object, else len(order); index), stably, as pdfium.page_chars sorts.");

typedef struct {
    Py_ssize_t order;
    double index;
    Py_ssize_t pos;
    PyObject *dict;
} SortEntry;

static int sort_entry_cmp(const void *pa, const void *pb) {
    const SortEntry *a = pa, *b = pb;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    if (a->index != b->index) return a->index < b->index ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static PyObject *sorted_chars(PyObject *self, PyObject *args) {
    PyObject *keyed, *order;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &keyed, &PyDict_Type, &order)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keyed), last = PyDict_GET_SIZE(order);
    SortEntry *entries = PyMem_Malloc((n ? n : 1) * sizeof(SortEntry));
    if (!entries) return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *entry = PyList_GET_ITEM(keyed, k);
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) != 3) {
            PyMem_Free(entries);
            PyErr_SetString(PyExc_TypeError, "(text object, index, dict) entries expected");
            return NULL;
        }
        PyObject *at = PyDict_GetItemWithError(order, PyTuple_GET_ITEM(entry, 0));
        entries[k].order = at ? PyLong_AsSsize_t(at) : last;
        entries[k].index = PyFloat_AsDouble(PyTuple_GET_ITEM(entry, 1));
        if (PyErr_Occurred()) {
            PyMem_Free(entries);
            return NULL;
        }
        entries[k].pos = k;
        entries[k].dict = PyTuple_GET_ITEM(entry, 2);
    }
    qsort(entries, n, sizeof(SortEntry), sort_entry_cmp);
    PyObject *out = PyList_New(n);
    if (out)
        for (Py_ssize_t k = 0; k < n; k++) {
            Py_INCREF(entries[k].dict);
            PyList_SET_ITEM(out, k, entries[k].dict);
        }
    PyMem_Free(entries);
    return out;
}

PyDoc_STRVAR(spaced_doc,
             "spaced(chars) -> [char dict]: pdfsource.spaced (a control character's text becomes ' ', in "
             "place; of a run of blanks in list order only the first is kept); None where a character's "
             "text is not a str (Python decides).");

static PyObject *SPACE; /* " " */

static PyObject *spaced_c(PyObject *self, PyObject *chars) {
    if (!PyList_Check(chars)) {
        PyErr_SetString(PyExc_TypeError, "a list of char dicts expected");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(chars);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    int blank_before = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *dict = PyList_GET_ITEM(chars, k);
        PyObject *text = PyDict_Check(dict) ? PyDict_GetItemWithError(dict, K_TEXT) : NULL;
        if (!text) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "text");
            Py_DECREF(out);
            return NULL;
        }
        if (!PyUnicode_Check(text)) {
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        int blank = length > 0;
        if (length == 1) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(text, 0);
            if (ch < 0x09 || (ch >= 0x0B && ch < 0x20) || ch == 0x7F) { /* CONTROL_CODES */
                if (PyDict_SetItem(dict, K_TEXT, SPACE) < 0) {
                    Py_DECREF(out);
                    return NULL;
                }
                ch = ' ';
            }
            blank = Py_UNICODE_ISSPACE(ch);
        } else {
            for (Py_ssize_t q = 0; q < length && blank; q++) blank = Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(text, q));
        }
        if (!(blank && blank_before) && PyList_Append(out, dict) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        blank_before = blank;
    }
    return out;
}

/* ---- join_edges: grid.join_edges (pdfplumber's merge_edges without snapping) in C ---- */

typedef struct {
    PyObject *dict; /* borrowed from the caller's list */
    double key, low, high;
    Py_ssize_t pos;
} JEdge;

static int jedge_key_cmp(const void *pa, const void *pb) {
    const JEdge *a = pa, *b = pb;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int jedge_low_cmp(const void *pa, const void *pb) {
    const JEdge *a = pa, *b = pb;
    if (a->low != b->low) return a->low < b->low ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* A finite float of an edge dict: 1, or 0 when missing or not a finite float (Python decides then). */
static int jnum(PyObject *dict, PyObject *key, double *out) {
    PyObject *v = PyDict_GetItemWithError(dict, key);
    if (!v || !PyFloat_CheckExact(v)) return 0;
    *out = PyFloat_AS_DOUBLE(v);
    return isfinite(*out);
}

/* A joined edge being built: the dict it starts from and, once extended, its new end; the dict of
 * grid._extended (a copy with the end moved) is made once when the edge is complete, with the values the
 * chain of _extended calls would give (height and y0 move by each step's difference, as there). */
typedef struct {
    PyObject *base; /* borrowed */
    int grown, has_y0;
    double start, end, height, y0;
} Joined;

static int joined_start(Joined *j, PyObject *base, int horizontal) {
    j->base = base;
    j->grown = 0;
    j->has_y0 = 0;
    if (!jnum(base, horizontal ? K_X0 : K_TOP, &j->start) || !jnum(base, horizontal ? K_X1 : K_BOTTOM, &j->end))
        return 0;
    if (horizontal) return 1;
    if (!jnum(base, K_HEIGHT, &j->height)) return 0;
    PyObject *y0 = PyDict_GetItemWithError(base, K_Y0);
    if (!y0) return !PyErr_Occurred();
    j->has_y0 = 1;
    return jnum(base, K_Y0, &j->y0);
}

/* grid._extended(last, high, value) on the edge being built */
static int joined_extend(Joined *j, int horizontal, double value) {
    if (!(value >= j->start)) {
        PyErr_SetNone(PyExc_AssertionError);
        return -1;
    }
    if (!horizontal) {
        double diff = value - j->end;
        j->height = j->height + diff;
        if (j->has_y0) j->y0 = j->y0 - diff;
    }
    j->end = value;
    j->grown = 1;
    return 0;
}

static int joined_done(PyObject *out, Joined *j, int horizontal) {
    if (!j->grown) return PyList_Append(out, j->base);
    PyObject *grown = PyDict_Copy(j->base);
    if (!grown) return -1;
    int failed = horizontal ? (set_float(grown, K_X1, j->end) < 0 || set_float(grown, K_WIDTH, j->end - j->start) < 0)
                            : (set_float(grown, K_BOTTOM, j->end) < 0 || set_float(grown, K_HEIGHT, j->height) < 0 ||
                               (j->has_y0 && set_float(grown, K_Y0, j->y0) < 0));
    if (!failed) failed = PyList_Append(out, grown);
    Py_DECREF(grown);
    return failed;
}

/* grid._join_line over group[0..n) (edges on one line, checked by join_edges), appended to `out`. */
static int join_line(PyObject *out, JEdge *group, Py_ssize_t n, int horizontal, double tolerance) {
    qsort(group, n, sizeof(JEdge), jedge_low_cmp);
    Joined last;
    joined_start(&last, group[0].dict, horizontal);
    for (Py_ssize_t k = 1; k < n; k++) {
        JEdge *e = &group[k];
        if (e->low <= last.end + tolerance) {
            if (e->high > last.end && joined_extend(&last, horizontal, e->high) < 0) return -1;
        } else {
            if (joined_done(out, &last, horizontal) < 0) return -1;
            joined_start(&last, e->dict, horizontal);
        }
    }
    return joined_done(out, &last, horizontal);
}

PyDoc_STRVAR(join_edges_doc,
             "join_edges(edges, join_x_tolerance, join_y_tolerance) -> [edge] as grid.join_edges gives them "
             "(the same dicts, new ones where an edge was extended), or None when an edge is not a dict of "
             "finite floats with a str orientation (the Python loop then decides).");

static PyObject *join_edges_c(PyObject *self, PyObject *args) {
    PyObject *edges;
    double xtol, ytol;
    if (!PyArg_ParseTuple(args, "O!dd", &PyList_Type, &edges, &xtol, &ytol)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(edges), nh = 0, nv = 0;
    JEdge *h = PyMem_Malloc((n ? n : 1) * sizeof(JEdge)), *v = PyMem_Malloc((n ? n : 1) * sizeof(JEdge));
    PyObject *out = PyList_New(0);
    if (!h || !v || !out) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *e = PyList_GET_ITEM(edges, k);
        if (!PyDict_Check(e)) goto fallback;
        PyObject *orientation = PyDict_GetItemWithError(e, K_ORIENTATION);
        if (!orientation || !PyUnicode_Check(orientation)) goto fallback;
        int horizontal = PyUnicode_CompareWithASCIIString(orientation, "h") == 0;
        JEdge *j = horizontal ? &h[nh++] : &v[nv++];
        j->dict = e;
        j->pos = k;
        Joined check;
        if (!jnum(e, horizontal ? K_TOP : K_X0, &j->key) || !joined_start(&check, e, horizontal)) goto fallback;
        j->low = check.start;
        j->high = check.end;
    }
    for (int pass = 0; pass < 2; pass++) {
        JEdge *group = pass == 0 ? h : v;
        Py_ssize_t m = pass == 0 ? nh : nv;
        int horizontal = pass == 0;
        qsort(group, m, sizeof(JEdge), jedge_key_cmp);
        Py_ssize_t k = 0;
        while (k < m) {
            Py_ssize_t end = k + 1;
            while (end < m && group[end].key == group[k].key) end++;
            if (end == k + 1) {
                if (PyList_Append(out, group[k].dict) < 0) goto fail;
            } else if (join_line(out, group + k, end - k, horizontal, horizontal ? xtol : ytol) < 0) {
                goto fail;
            }
            k = end;
        }
    }
    PyMem_Free(h);
    PyMem_Free(v);
    return out;
fallback:
    PyErr_Clear();
    PyMem_Free(h);
    PyMem_Free(v);
    Py_XDECREF(out);
    Py_RETURN_NONE;
fail:
    PyMem_Free(h);
    PyMem_Free(v);
    Py_XDECREF(out);
    return NULL;
}

/* ---- centred_in: pdf._centred_in in C ---- */

/* A number of a dict as a double, for a float or an int a double holds exactly: 1, else 0. */
static int cnum(PyObject *dict, PyObject *key, double *out) {
    PyObject *v = PyDict_GetItemWithError(dict, key);
    if (!v) return 0;
    if (PyFloat_CheckExact(v)) {
        *out = PyFloat_AS_DOUBLE(v);
        return 1;
    }
    if (!PyLong_CheckExact(v)) return 0;
    *out = PyLong_AsDouble(v);
    return !PyErr_Occurred() && fabs(*out) < 9007199254740992.0;
}

PyDoc_STRVAR(centred_in_doc,
             "centred_in(chars, x0, top, x1, bottom) -> [char] whose centre lies inside the box, in their "
             "order, as pdf._centred_in; None when a character's x0, x1, top or bottom is not a float or "
             "small int (Python decides then).");

static PyObject *centred_in(PyObject *self, PyObject *args) {
    PyObject *chars;
    double x0, top, x1, bottom;
    if (!PyArg_ParseTuple(args, "O!dddd", &PyList_Type, &chars, &x0, &top, &x1, &bottom)) return NULL;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(chars); k++) {
        PyObject *c = PyList_GET_ITEM(chars, k);
        double a, b, t, u;
        if (!PyDict_Check(c) || !cnum(c, K_X0, &a) || !cnum(c, K_X1, &b) || !cnum(c, K_TOP, &t) ||
            !cnum(c, K_BOTTOM, &u)) {
            PyErr_Clear();
            Py_DECREF(out);
            Py_RETURN_NONE;
        }
        double cx = (a + b) / 2, cy = (t + u) / 2;
        if (x0 <= cx && cx <= x1 && top <= cy && cy <= bottom && PyList_Append(out, c) < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

/* ---- overprint without a tuple per character ---- */

typedef struct {
    Py_hash_t hash;
    PyObject *text; /* borrowed; NULL: an empty slot */
    double x, y;
} Seen;

/* pdf.has_overprint for characters whose x0 and top are finite floats: 1 (some (text, round(x0),
 * round(top)) twice), 0 (none), -1 (an error), -2 (a position that is not a finite float: ask the set). */
static int overprint_table(PyObject *chars) {
    Py_ssize_t n = PyList_GET_SIZE(chars), size = 16;
    while (size < 2 * n) size *= 2;
    Seen *table = PyMem_Calloc(size, sizeof(Seen));
    if (!table) {
        PyErr_NoMemory();
        return -1;
    }
    int result = 0;
    for (Py_ssize_t k = 0; k < n && result == 0; k++) {
        PyObject *c = PyList_GET_ITEM(chars, k);
        if (!PyDict_CheckExact(c)) {
            result = -2;
            break;
        }
        PyObject *text = PyDict_GetItemWithError(c, K_TEXT), *x0 = PyDict_GetItemWithError(c, K_X0);
        PyObject *top = PyDict_GetItemWithError(c, K_TOP);
        if (!text || !x0 || !top || !PyUnicode_CheckExact(text) || !PyFloat_CheckExact(x0) ||
            !PyFloat_CheckExact(top) || !isfinite(PyFloat_AS_DOUBLE(x0)) || !isfinite(PyFloat_AS_DOUBLE(top))) {
            result = -2;
            break;
        }
        double x = rint(PyFloat_AS_DOUBLE(x0)) + 0.0, y = rint(PyFloat_AS_DOUBLE(top)) + 0.0; /* -0.0 as 0.0 */
        Py_hash_t h = PyObject_Hash(text);
        if (h == -1) {
            result = -1;
            break;
        }
        uint64_t bits[2];
        memcpy(&bits[0], &x, sizeof(double));
        memcpy(&bits[1], &y, sizeof(double));
        uint64_t mix = (uint64_t)h ^ (bits[0] * 0x9E3779B97F4A7C15ULL) ^ (bits[1] * 0xC2B2AE3D27D4EB4FULL);
        mix ^= mix >> 29;
        Py_ssize_t at = (Py_ssize_t)(mix & (uint64_t)(size - 1));
        while (table[at].text) {
            if (table[at].hash == h && table[at].x == x && table[at].y == y) {
                int same = PyUnicode_Compare(table[at].text, text);
                if (same == -1 && PyErr_Occurred()) {
                    result = -1;
                    break;
                }
                if (same == 0) {
                    result = 1;
                    break;
                }
            }
            at = (at + 1) & (size - 1);
        }
        if (result == 0) {
            table[at].hash = h;
            table[at].text = text;
            table[at].x = x;
            table[at].y = y;
        }
    }
    PyMem_Free(table);
    return result;
}

/* ---- page_info's counts and page_graphics' objects ---- */

PyDoc_STRVAR(text_counts_doc,
             "text_counts(chars, replacement, garbage_match) -> (visible, garbage, upright): pdf.page_info's "
             "loop: over characters whose text is not empty or whitespace, the sum of their lengths, of those "
             "that are `replacement` or that `garbage_match` (CID_GARBAGE.fullmatch, asked only of texts "
             "starting with '(') matches, and of those whose `upright` (default True) is true.");

static PyObject *text_counts(PyObject *self, PyObject *args) {
    PyObject *chars, *replacement, *garbage_match;
    if (!PyArg_ParseTuple(args, "O!UO", &PyList_Type, &chars, &replacement, &garbage_match)) return NULL;
    Py_ssize_t visible = 0, garbage = 0, upright = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(chars); k++) {
        PyObject *c = PyList_GET_ITEM(chars, k);
        PyObject *text = PyObject_GetItem(c, K_TEXT);
        if (!text) return NULL;
        if (!PyUnicode_Check(text)) {
            Py_DECREF(text);
            PyErr_SetString(PyExc_TypeError, "a char's text must be a str");
            return NULL;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(text);
        if (n == 0 || is_space_text(text)) {
            Py_DECREF(text);
            continue;
        }
        visible += n;
        int bad = PyUnicode_Compare(text, replacement) == 0;
        if (!bad && PyErr_Occurred()) {
            Py_DECREF(text);
            return NULL;
        }
        if (!bad && PyUnicode_READ_CHAR(text, 0) == '(') {
            PyObject *match = PyObject_CallOneArg(garbage_match, text);
            bad = match ? PyObject_IsTrue(match) : -1;
            Py_XDECREF(match);
            if (bad < 0) {
                Py_DECREF(text);
                return NULL;
            }
        }
        Py_DECREF(text);
        if (bad) garbage += n;
        /* char.get("upright", True) */
        PyObject *up = PyDict_Check(c) ? PyDict_GetItemWithError(c, K_UPRIGHT) : NULL;
        if (!up && PyErr_Occurred()) return NULL;
        if (!PyDict_Check(c)) {
            up = PyObject_CallMethod(c, "get", "OO", K_UPRIGHT, Py_True);
            if (!up) return NULL;
            int truth = PyObject_IsTrue(up);
            Py_DECREF(up);
            if (truth < 0) return NULL;
            upright += truth ? n : 0;
            continue;
        }
        int truth = up ? PyObject_IsTrue(up) : 1;
        if (truth < 0) return NULL;
        if (truth) upright += n;
    }
    return Py_BuildValue("(nnn)", visible, garbage, upright);
}

PyDoc_STRVAR(graphics_doc,
             "graphics(shapes, page_number, make, kinds) -> [make(page_number, kind, x0, top, x1, bottom)] for "
             "the (shape, x0, top, x1, bottom) entries of `shapes`, kind by kind in the order of `kinds` and "
             "in their order within a kind (pdf.page_graphics); shapes of other kinds are left out.");

static PyObject *graphics(PyObject *self, PyObject *args) {
    PyObject *shapes, *page_number, *make, *kinds;
    if (!PyArg_ParseTuple(args, "O!OOO!", &PyList_Type, &shapes, &page_number, &make, &PyTuple_Type, &kinds))
        return NULL;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t q = 0; q < PyTuple_GET_SIZE(kinds); q++) {
        PyObject *kind = PyTuple_GET_ITEM(kinds, q);
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(shapes); k++) {
            PyObject *shape = PyList_GET_ITEM(shapes, k);
            if (!PyTuple_Check(shape) || PyTuple_GET_SIZE(shape) != 5) {
                PyErr_SetString(PyExc_ValueError, "(shape, x0, top, x1, bottom) entries expected");
                goto fail;
            }
            int same = PyObject_RichCompareBool(PyTuple_GET_ITEM(shape, 0), kind, Py_EQ);
            if (same < 0) goto fail;
            if (!same) continue;
            PyObject *argv[6] = {page_number, kind, PyTuple_GET_ITEM(shape, 1), PyTuple_GET_ITEM(shape, 2),
                                 PyTuple_GET_ITEM(shape, 3), PyTuple_GET_ITEM(shape, 4)};
            PyObject *made = PyObject_Vectorcall(make, argv, 6, NULL);
            if (!made || PyList_Append(out, made) < 0) {
                Py_XDECREF(made);
                goto fail;
            }
            Py_DECREF(made);
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef METHODS[] = {
    {"names", names, METH_NOARGS, "The PDFium function names bind() takes addresses of, in order."},
    {"bind", bind, METH_O, "bind(addresses): the PDFium functions' addresses, in the order of names()."},
    {"walk", walk, METH_VARARGS, walk_doc},
    {"control_texts", control_texts, METH_VARARGS, control_texts_doc},
    {"path_edges", path_edges, METH_VARARGS, path_edges_doc},
    {"inflated_size", inflated_size, METH_VARARGS, inflated_size_doc},
    {"words", words, METH_VARARGS, words_doc},
    {"overprint", overprint, METH_O, overprint_doc},
    {"page_chars", page_chars_c, METH_VARARGS, page_chars_doc},
    {"sorted_chars", sorted_chars, METH_VARARGS, sorted_chars_doc},
    {"spaced", spaced_c, METH_O, spaced_doc},
    {"join_edges", join_edges_c, METH_VARARGS, join_edges_doc},
    {"centred_in", centred_in, METH_VARARGS, centred_in_doc},
    {"text_counts", text_counts, METH_VARARGS, text_counts_doc},
    {"graphics", graphics, METH_VARARGS, graphics_doc},
    {"round2", round2_py, METH_O, "round2(x) == round(x, 2), computed as place() does."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {
    PyModuleDef_HEAD_INIT, "_pdfium_loops",
    "The page loops of pipeline.readers.pdfium in C, calling PDFium through addresses from pypdfium2.", -1,
    METHODS,
};

static int intern(PyObject **slot, const char *text) {
    *slot = PyUnicode_InternFromString(text);
    return *slot ? 0 : -1;
}

PyMODINIT_FUNC PyInit__pdfium_loops(void) {
    PyObject *builtins = PyImport_ImportModule("builtins");
    builtin_round = builtins ? PyObject_GetAttrString(builtins, "round") : NULL;
    Py_XDECREF(builtins);
    if (!builtin_round) return NULL;
    if (intern(&SPACE, " ") < 0 || intern(&K_TEXT, "text") < 0 || intern(&K_X0, "x0") < 0 || intern(&K_X1, "x1") < 0 ||
        intern(&K_TOP, "top") < 0 || intern(&K_BOTTOM, "bottom") < 0 || intern(&K_DOCTOP, "doctop") < 0 ||
        intern(&K_WIDTH, "width") < 0 || intern(&K_HEIGHT, "height") < 0 || intern(&K_SIZE, "size") < 0 ||
        intern(&K_FONTNAME, "fontname") < 0 || intern(&K_UPRIGHT, "upright") < 0 ||
        intern(&K_PAGE_NUMBER, "page_number") < 0 || intern(&K_OBJECT_TYPE, "object_type") < 0 ||
        intern(&V_CHAR, "char") < 0 || intern(&K_ORIENTATION, "orientation") < 0 || intern(&V_H, "h") < 0 ||
        intern(&V_V, "v") < 0 || intern(&V_LINE, "line") < 0 || intern(&V_RECT, "rect") < 0 ||
        intern(&V_CURVE, "curve") < 0 || intern(&K_Y0, "y0") < 0)
        return NULL;
    PyObject *char_keys[] = {K_TEXT,   K_X0,   K_X1,     K_TOP,      K_BOTTOM,   K_DOCTOP,     K_WIDTH,
                             K_HEIGHT, K_SIZE, K_FONTNAME, K_UPRIGHT, K_PAGE_NUMBER, K_OBJECT_TYPE};
    PyObject *edge_keys[] = {K_X0, K_X1, K_TOP, K_BOTTOM, K_WIDTH, K_HEIGHT, K_ORIENTATION};
    CHAR_TEMPLATE = PyDict_New();
    EDGE_TEMPLATE = PyDict_New();
    if (!CHAR_TEMPLATE || !EDGE_TEMPLATE) return NULL;
    for (size_t k = 0; k < sizeof(char_keys) / sizeof(char_keys[0]); k++)
        if (PyDict_SetItem(CHAR_TEMPLATE, char_keys[k], Py_None) < 0) return NULL;
    for (size_t k = 0; k < sizeof(edge_keys) / sizeof(edge_keys[0]); k++)
        if (PyDict_SetItem(EDGE_TEMPLATE, edge_keys[k], Py_None) < 0) return NULL;
    return PyModule_Create(&MODULE);
}
