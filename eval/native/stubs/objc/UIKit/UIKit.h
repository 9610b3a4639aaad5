// Declarations only (see Foundation/Foundation.h): the UIKit API the wrappers use.
#pragma once
#import <Foundation/Foundation.h>
typedef NS_OPTIONS(NSUInteger, UIViewAutoresizing) { UIViewAutoresizingNone = 0, UIViewAutoresizingFlexibleLeftMargin = 1 << 0, UIViewAutoresizingFlexibleWidth = 1 << 1, UIViewAutoresizingFlexibleRightMargin = 1 << 2, UIViewAutoresizingFlexibleTopMargin = 1 << 3, UIViewAutoresizingFlexibleHeight = 1 << 4, UIViewAutoresizingFlexibleBottomMargin = 1 << 5 };
typedef NS_ENUM(NSInteger, UIViewContentMode) { UIViewContentModeScaleToFill, UIViewContentModeScaleAspectFit, UIViewContentModeScaleAspectFill };
@interface UIColor : NSObject
+ (UIColor *)clearColor;
+ (UIColor *)blackColor;
@end
@interface UIImage : NSObject
+ (UIImage *)imageWithData:(NSData *)d;
+ (UIImage *)imageNamed:(NSString *)n;
@end
@interface UIResponder : NSObject
@end
@interface UIView : UIResponder
- (instancetype)initWithFrame:(CGRect)frame;
- (void)addSubview:(UIView *)v;
- (void)removeFromSuperview;
- (void)insertSubview:(UIView *)v atIndex:(NSInteger)i;
- (void)layoutSubviews;
- (void)setNeedsLayout;
- (void)didMoveToWindow;
@property (nonatomic) CGRect frame;
@property (nonatomic) CGRect bounds;
@property (nonatomic, readonly) UIView *superview;
@property (nonatomic, readonly, copy) NSArray<UIView *> *subviews;
@property (nonatomic, copy) UIColor *backgroundColor;
@property (nonatomic) UIViewContentMode contentMode;
@property (nonatomic) BOOL hidden;
@property (nonatomic) BOOL clipsToBounds;
@property (nonatomic) NSInteger tag;
@property (nonatomic) UIViewAutoresizing autoresizingMask;
@property (nonatomic, readonly) id window;
@end
@interface UIApplication : UIResponder
+ (UIApplication *)sharedApplication;
@end
@interface UIDevice : NSObject
+ (UIDevice *)currentDevice;
@property (nonatomic, readonly) NSString *systemVersion;
@end
@interface UIScreen : NSObject
+ (UIScreen *)mainScreen;
@property (nonatomic, readonly) CGRect bounds;
@property (nonatomic, readonly) CGFloat scale;
@end
static inline CGRect CGRectMake(CGFloat x, CGFloat y, CGFloat w, CGFloat h) { CGRect r = {{x, y}, {w, h}}; return r; }
static inline CGSize CGSizeMake(CGFloat w, CGFloat h) { CGSize s = {w, h}; return s; }
extern const CGRect CGRectZero;
