package source

import (
	"bufio"
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// readElementRef is readElement as it was written first, a byte at a
// time: the reference that FuzzReadElement compares it with.
func readElementRef(br *bufio.Reader, buf []byte, limit int) (_ []byte, n int64, tooLarge, eof bool, _ error) {
	depth, inStr, esc := 0, false, false
	for {
		b, err := br.ReadByte()
		if err == io.EOF {
			return buf, n, tooLarge, true, nil
		}
		if err != nil {
			return buf, n, tooLarge, false, err
		}
		if !inStr && depth == 0 && (b == ',' || b == ']') {
			_ = br.UnreadByte()
			return buf, n, tooLarge, false, nil
		}
		n++
		if !tooLarge {
			if len(buf) >= limit {
				tooLarge, buf = true, buf[:0]
			} else {
				buf = append(buf, b)
			}
		}
		switch {
		case esc:
			esc = false
		case inStr && b == '\\':
			esc = true
		case b == '"':
			inStr = !inStr
		case inStr:
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
		}
		if depth < 0 {
			return buf, n, tooLarge, false, nil
		}
	}
}

// element is one readElement result.
type element struct {
	data          string
	n             int64
	tooLarge, eof bool
	next          int // the byte that follows, -1 at the end
}

// elements reads the elements of data with read, as forJSONValues does
// (a separator or the closing bracket consumed between elements),
// through a reader of the smallest buffer, so that elements cross its
// refills.
func elements(data []byte, limit int, read func(*bufio.Reader, []byte, int) ([]byte, int64, bool, bool, error)) []element {
	br := bufio.NewReaderSize(bytes.NewReader(data), 16)
	var out []element
	for len(out) < len(data)+1 {
		b, n, tooLarge, eof, err := read(br, nil, limit)
		if err != nil {
			panic(err) // bytes.Reader gives no other error
		}
		e := element{data: string(b), n: n, tooLarge: tooLarge, eof: eof, next: -1}
		if c, err := br.ReadByte(); err == nil {
			e.next = int(c)
		}
		out = append(out, e)
		if eof || e.next == -1 {
			break
		}
	}
	return out
}

func TestReadElement(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  []element
	}{
		{`{"a":[1,2],"b":"x,]}"},{}`, 100, []element{
			{data: `{"a":[1,2],"b":"x,]}"}`, n: 22, next: ','},
			{data: `{}`, n: 2, eof: true, next: -1},
		}},
		{`"q\"],\\",1]`, 100, []element{
			{data: `"q\"],\\"`, n: 9, next: ','},
			{data: `1`, n: 1, next: ']'},
			{data: ``, n: 0, eof: true, next: -1},
		}},
		{`{"a":1}}x`, 100, []element{{data: `{"a":1}}`, n: 8, next: 'x'}, {data: ``, n: 0, eof: true, next: -1}}},
		{`{"long":"0123456789"},2`, 10, []element{
			{data: ``, n: 21, tooLarge: true, next: ','},
			{data: `2`, n: 1, eof: true, next: -1},
		}},
		{`{"unterminated`, 100, []element{{data: `{"unterminated`, n: 14, eof: true, next: -1}}},
	} {
		got := elements([]byte(tc.in), tc.limit, readElement)
		require.Equal(t, tc.want, got, tc.in)
		require.Equal(t, elements([]byte(tc.in), tc.limit, readElementRef), got, tc.in)
	}
}

// FuzzReadElement: readElement splits any bytes exactly as the byte-at-
// a-time reference does, for any limit.
func FuzzReadElement(f *testing.F) {
	f.Add([]byte(`{"a":"b\"c","d":[1,{"e":"]"}]},{"f":2}]`), uint16(100))
	f.Add([]byte(`"\\",[[]],{}}`), uint16(3))
	f.Add([]byte(`{"content":"\u003cp\u003eHallo Utrecht\u003c/p\u003e"},`), uint16(20))
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		want := elements(data, int(limit), readElementRef)
		require.Equal(t, want, elements(data, int(limit), readElement))
	})
}
