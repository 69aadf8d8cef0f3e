package report

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	doc := func(id, title string, secs ...Section) Document {
		return Document{ID: id, Title: title, Sections: secs}
	}
	sec := func(id, digest string) Section { return Section{ID: id, Title: "節" + id, Digest: digest} }
	old := &Report{
		Documents: []Document{doc("a", "文書A", sec("1", "x"), sec("2", "y")), doc("b", "文書B", sec("3", "z"))},
		Charts:    map[string]string{"chain": "c1", "matrix": "m1"},
	}
	tests := []struct {
		name string
		new  *Report
		want []Change
		docs []string
	}{
		{"same", old, nil, nil},
		{"changed, added, removed", &Report{
			Documents: []Document{doc("a", "文書A", sec("1", "x2"), sec("4", "w")), doc("b", "文書B", sec("3", "z"))},
			Charts:    map[string]string{"chain": "c1", "matrix": "m1"},
		}, []Change{{"changed", "文書A", "節1"}, {"added", "文書A", "節4"}, {"removed", "文書A", "節2"}}, []string{"文書A"}},
		{"chart only", &Report{Documents: old.Documents, Charts: map[string]string{"chain": "c2", "matrix": "m1", "new": "n"}},
			[]Change{{"changed", ChartDocument, "chain"}, {"added", ChartDocument, "new"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff = %v, want %v", got, tt.want)
			}
			if docs := ChangedDocuments(got); !reflect.DeepEqual(docs, tt.docs) {
				t.Errorf("ChangedDocuments = %v, want %v", docs, tt.docs)
			}
		})
	}
}
