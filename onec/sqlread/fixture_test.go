package sqlread

// The fixture lays out a 1C database the way 1C does on PostgreSQL (and SQL Server):
// the table and column names below are written by hand from the structure samples in
// testdata, not taken from Resolve, so a test that reads them checks the resolver too.

// colKind is the storage type of a fixture column.
type colKind uint8

const (
	kRef   colKind = iota // binary(16) / bytea
	kTRef                 // binary(4) / bytea: a composite's table number
	kType                 // binary(1) / bytea: a composite's kind (0x08 for a ref)
	kBool                 // binary(1) / boolean
	kTime                 // datetime2(0) / timestamp
	kMoney                // numeric(15,2)
	kQty                  // numeric(15,3)
	kStr                  // nvarchar / varchar (mvarchar in 1C's PostgreSQL build)
	kInt                  // numeric(9,0) / numeric(10,0)
)

// cell is one column of a fixture row: its name, type and value.
type cell struct {
	col  string
	kind colKind
	val  any
}

// money is a fixed-point value: v × 10^-scale.
type money struct {
	v     int64
	scale int
}

// regCols names the register's columns; empty names are left out.
type regCols struct {
	table                    string
	period, recT, recR, line string
	active                   string
	docKind, docT, docR      string // a composite document dimension (УНФ, БП); empty when the recorder is the document
	client                   string
	amount, amountFull, qty  string
	discounts                []string
	storno                   string
	extraRefs                []string // other dimensions, filled with a ref so the table looks lived in
}

type keyCols struct{ table, ref, marked, name, partner string }

type catCols struct{ table, ref, marked, folder, parent, code, name, inn, manager string }

type contactCols struct{ table, owner, keyField, lineNo, typ, kind, presentation, email, phone string }

type enumCols struct{ table, ref, order string }

// layout is one preset's database.
type layout struct {
	preset   string
	reg      regCols
	keys     *keyCols // УТ 11's analytics keys
	cat      catCols
	contacts contactCols
	enum     enumCols
	saleDoc  uint32 // table number of the sale document
	retDoc   uint32 // and of the return
	saleType string // the DocumentType the reader must give
	retType  string
	discount bool // the mapping reads a discount
	inn      bool // the mapping reads the INN
	manager  bool // the mapping reads the manager
}

var layouts = map[string]layout{
	"ut11": {
		preset: "ut11",
		reg: regCols{table: "_AccumRg24981", period: "_Period", recT: "_RecorderTRef", recR: "_RecorderRRef", line: "_LineNo", active: "_Active",
			client: "_Fld24986RRef", amount: "_Fld24990", qty: "_Fld24989", discounts: []string{"_Fld24992", "_Fld24993"}, storno: "_Fld24995",
			extraRefs: []string{"_Fld24982RRef", "_Fld24983RRef", "_Fld24985RRef"}},
		keys:     &keyCols{table: "_Reference412", ref: "_IDRRef", marked: "_Marked", name: "_Description", partner: "_Fld5120RRef"},
		cat:      catCols{table: "_Reference186", ref: "_IDRRef", marked: "_Marked", folder: "_Folder", parent: "_ParentIDRRef", code: "_Code", name: "_Description", manager: "_Fld3412RRef"},
		contacts: contactCols{table: "_Reference186_VT3420", owner: "_Reference186_IDRRef", keyField: "_KeyField", lineNo: "_LineNo3421", typ: "_Fld3422RRef", kind: "_Fld3423RRef", presentation: "_Fld3424", email: "_Fld3429", phone: "_Fld3431"},
		enum:     enumCols{table: "_Enum1033", ref: "_IDRRef", order: "_EnumOrder"},
		saleDoc:  642, retDoc: 455, saleType: "Document_РеализацияТоваровУслуг", retType: "Document_ВозвратТоваровОтКлиента",
		discount: true, manager: true,
	},
	"unf": {
		preset: "unf",
		reg: regCols{table: "_AccumRg17214", period: "_Period", recT: "_RecorderTRef", recR: "_RecorderRRef", line: "_LineNo", active: "_Active",
			docKind: "_Fld17218_TYPE", docT: "_Fld17218_RTRef", docR: "_Fld17218_RRRef",
			client: "_Fld17222RRef", amount: "_Fld17225", qty: "_Fld17224", extraRefs: []string{"_Fld17215RRef", "_Fld17219RRef"}},
		cat:      catCols{table: "_Reference98", ref: "_IDRRef", marked: "_Marked", folder: "_Folder", parent: "_ParentIDRRef", code: "_Code", name: "_Description", inn: "_Fld1511", manager: "_Fld1513RRef"},
		contacts: contactCols{table: "_Reference98_VT1530", owner: "_Reference98_IDRRef", keyField: "_KeyField", lineNo: "_LineNo1531", typ: "_Fld1532RRef", kind: "_Fld1533RRef", presentation: "_Fld1534", email: "_Fld1539", phone: "_Fld1541"},
		enum:     enumCols{table: "_Enum612", ref: "_IDRRef", order: "_EnumOrder"},
		saleDoc:  301, retDoc: 290, saleType: "Document_РасходнаяНакладная", retType: "Document_ПриходнаяНакладная",
		inn: true, manager: true,
	},
	"bp3": {
		preset: "bp3",
		reg: regCols{table: "_AccumRg8127", period: "_Period", recT: "_RecorderTRef", recR: "_RecorderRRef", line: "_LineNo", active: "_Active",
			docKind: "_Fld8131_TYPE", docT: "_Fld8131_RTRef", docR: "_Fld8131_RRRef",
			client: "_Fld8129RRef", amount: "_Fld8136", qty: "_Fld8135", extraRefs: []string{"_Fld8128RRef", "_Fld8132RRef"}},
		cat:      catCols{table: "_Reference103", ref: "_IDRRef", marked: "_Marked", folder: "_Folder", parent: "_ParentIDRRef", code: "_Code", name: "_Description", inn: "_Fld1611"},
		contacts: contactCols{table: "_Reference103_VT1645", owner: "_Reference103_IDRRef", keyField: "_KeyField", lineNo: "_LineNo1646", typ: "_Fld1647RRef", kind: "_Fld1648RRef", presentation: "_Fld1649", email: "_Fld1654", phone: "_Fld1656"},
		enum:     enumCols{table: "_Enum540", ref: "_IDRRef", order: "_EnumOrder"},
		saleDoc:  550, retDoc: 520, saleType: "Document_РеализацияТоваровУслуг", retType: "Document_ВозвратТоваровОтПокупателя",
		inn: true,
	},
	"retail": {
		preset: "retail",
		reg: regCols{table: "_AccumRg9031", period: "_Period", recT: "_RecorderTRef", recR: "_RecorderRRef", line: "_LineNo", active: "_Active",
			client: "_Fld9036RRef", amount: "_Fld9040", amountFull: "_Fld9041", qty: "_Fld9039", extraRefs: []string{"_Fld9032RRef", "_Fld9034RRef"}},
		cat:      catCols{table: "_Reference140", ref: "_IDRRef", marked: "_Marked", code: "_Code", name: "_Description"},
		contacts: contactCols{table: "_Reference140_VT2210", owner: "_Reference140_IDRRef", keyField: "_KeyField", lineNo: "_LineNo2211", typ: "_Fld2212RRef", kind: "_Fld2213RRef", presentation: "_Fld2214", phone: "_Fld2219"},
		enum:     enumCols{table: "_Enum730", ref: "_IDRRef", order: "_EnumOrder"},
		saleDoc:  370, retDoc: 371, saleType: "Document_ЧекККМ", retType: "Document_ЧекККМВозврат",
		discount: true,
	},
}

// regLine is what one register line holds, before it is laid out in columns.
type regLine struct {
	period    any // a wall-clock time.Time, offset applied
	docT      []byte
	docR      []byte
	line      int64
	active    bool
	client    []byte
	amount    int64 // kopecks
	full      int64
	qty       int64 // thousandths
	discount  int64
	storno    bool
	extraRefs []byte
}

// cells lays a line out in the register's columns, appending to dst.
func (c regCols) cells(dst []cell, l *regLine) []cell {
	add := func(col string, kind colKind, val any) {
		if col != "" {
			dst = append(dst, cell{col, kind, val})
		}
	}
	add(c.period, kTime, l.period)
	add(c.recT, kTRef, l.docT)
	add(c.recR, kRef, l.docR)
	add(c.line, kInt, l.line)
	add(c.active, kBool, l.active)
	add(c.docKind, kType, []byte{0x08})
	add(c.docT, kTRef, l.docT)
	add(c.docR, kRef, l.docR)
	add(c.client, kRef, l.client)
	add(c.amount, kMoney, money{l.amount, 2})
	add(c.amountFull, kMoney, money{l.full, 2})
	add(c.qty, kQty, money{l.qty, 3})
	for i, d := range c.discounts {
		share := l.discount / int64(len(c.discounts))
		if i == 0 {
			share = l.discount - share*int64(len(c.discounts)-1)
		}
		add(d, kMoney, money{share, 2})
	}
	add(c.storno, kBool, l.storno)
	for _, e := range c.extraRefs {
		add(e, kRef, l.extraRefs)
	}
	return dst
}
